/** The `cleanup` step's outcome in either mode: what was retired, in one line. */
export function cleanupOutcome(removed: string[]): { value: string[]; message: string } {
  return {
    value: removed,
    message: removed.length === 0 ? "nothing to remove" : `removed ${removed.join(", ")}`,
  };
}
