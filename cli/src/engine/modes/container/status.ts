import { activeOf } from "../../state/resources.ts";
import type { ComputeStatus, StatusInput } from "../compute-mode.ts";
import { serviceContainers } from "./deploy-container.ts";
import { servicePort } from "./placement.ts";

/**
 * The service container as it runs now: the one the ledger recorded, else a running one of the
 * stack. Drift: removed or stopped by hand, unhealthy, or the API points elsewhere.
 */
export async function containerStatus({ ctx, deps, ledger, api }: StatusInput): Promise<ComputeStatus> {
  const drift: string[] = [];
  const recorded = activeOf(ledger, "container").at(-1);
  const engine = await deps.containerEngine();
  if ((await engine.state()).state !== "up") {
    if (recorded !== undefined)
      drift.push("no Docker engine answers, so the service container cannot be running");
    return { container: null, function: null, drift };
  }
  const live = await serviceContainers(engine, ctx.config.stack);
  const serving =
    live.find((candidate) => candidate.id === recorded?.id) ?? live.find((candidate) => candidate.running);
  if (serving === undefined) {
    if (recorded !== undefined)
      drift.push(`container ${recorded.name} is recorded but gone (removed by hand?)`);
    return { container: null, function: null, drift };
  }
  const port = serving.ports[servicePort];
  if (!serving.running) drift.push(`container ${serving.name} is ${serving.status}, not running`);
  else if (serving.health === "unhealthy") drift.push(`container ${serving.name} is unhealthy`);
  const target = api?.target;
  const pointsHere =
    target != null &&
    (target.includes(`//${serving.name}:`) || (port !== undefined && target.includes(`:${port}/`)));
  if (api !== null && !pointsHere)
    drift.push(`the API's integration points at ${target ?? "nothing"}, not at container ${serving.name}`);
  return {
    container: {
      id: serving.id,
      name: serving.name,
      state: serving.status,
      health: serving.health ?? null,
      image: serving.image,
      directUrl: port === undefined ? null : `http://127.0.0.1:${port}`,
    },
    function: null,
    drift,
  };
}
