/** What one step of `down` changed (or, with --dry-run, would change), as labels such as "table x". */
export interface DownChanges {
  removed: string[];
  kept: string[];
}

/** What `down` did (or, with --dry-run, would do). */
export interface DownOutcome extends DownChanges {
  emulatorStopped: boolean;
  timings: Record<string, number>;
}

export const noChanges: DownChanges = { removed: [], kept: [] };

export function combineChanges(...steps: DownChanges[]): DownChanges {
  return {
    removed: steps.flatMap((step) => step.removed),
    kept: steps.flatMap((step) => step.kept),
  };
}
