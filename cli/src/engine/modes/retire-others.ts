import type { RetireInput } from "./compute-mode.ts";
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
