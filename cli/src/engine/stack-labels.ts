/** On everything stackctl creates in Docker for a stack: `down` finds leftovers by it. */
export const stackLabel = "dev.stackctl.stack";
/** What a container is for within its stack (service, probe). */
export const roleLabel = "dev.stackctl.role";

export function stackLabels(stack: string): Record<string, string> {
  return { [stackLabel]: stack, "dev.stackctl.managed": "true" };
}

/** The tag on every AWS resource stackctl creates (same key as the table and bucket carry). */
export const stackTagKey = "stackctl:stack";
