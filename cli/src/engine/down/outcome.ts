/** What `down` did (or, with --dry-run, would do). */
export interface DownOutcome {
  removed: string[];
  kept: string[];
  emulatorStopped: boolean;
  timings: Record<string, number>;
}
