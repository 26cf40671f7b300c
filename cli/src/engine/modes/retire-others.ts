import type { PendingStep } from "../plan-step.ts";
import type { PlanInput, RetireInput } from "./compute-mode.ts";
import { otherComputeModes } from "./load.ts";

/**
 * A switch: once the API points at `self`'s new compute, every other mode retires what it ran for
 * the stack (kept with --keep-previous, for an instant switch back).
 */
export async function retireOtherModes(self: string, input: RetireInput): Promise<string[]> {
  if (input.ctx.config.keepPrevious) return [];
  const removed: string[] = [];
  for (const other of await otherComputeModes(self)) removed.push(...(await other.retire(input)));
  return removed;
}

/** `--dry-run` of the same: what every other mode would retire (nothing with --keep-previous). */
export async function planRetireOthers(self: string, input: PlanInput): Promise<PendingStep[]> {
  if (input.ctx.config.keepPrevious) return [];
  const planned: PendingStep[] = [];
  for (const other of await otherComputeModes(self)) planned.push(...(await other.planRetire(input)));
  return planned;
}
