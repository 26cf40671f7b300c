import type { ContainerEngine } from "../../ports.ts";

/** Seconds a container gets between SIGTERM and SIGKILL: the service drains in-flight requests. */
export const drainSeconds = 10;

/**
 * How a container stackctl runs goes, the one way every path removes it: a redeploy or a switch
 * retiring the old service container (`retire.ts`), `down` removing a recorded one
 * (`down/deploy-removers.ts`) or sweeping what carries the stack's label (`down/remove-containers.ts`),
 * and lambda mode clearing an emulator's leftover execution environments (`modes/lambda/retire.ts`).
 * Stopped first (SIGTERM, then SIGKILL after `drainSeconds`), then removed; one already gone is done.
 * `drain: false` removes at once: for a container that serves nothing (a stale leftover of the same
 * spec, one that never became healthy, a deleted function's environment) and for `down`, which
 * takes the whole stack away anyway.
 */
export async function removeContainer(
  engine: ContainerEngine,
  id: string,
  options: { drain: boolean } = { drain: true },
): Promise<void> {
  if (options.drain) await engine.stopContainer(id, drainSeconds);
  await engine.removeContainer(id);
}
