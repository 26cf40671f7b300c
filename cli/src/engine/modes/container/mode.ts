import { forgetGone } from "../../deploy/forget-gone.ts";
import { requireDocker } from "../../deploy/require-docker.ts";
import type { ComputeMode } from "../compute-mode.ts";
import { serviceContainers } from "./deploy-container.ts";
import { deployContainerMode } from "./deploy-mode.ts";
import { containerLogs } from "./logs.ts";
import { planContainerMode, planRetireContainers } from "./plan.ts";
import { containerResult } from "./report.ts";
import { retireContainers } from "./retire.ts";
import { containerStatus } from "./status.ts";

/** Container mode: the service image run as an ECS-style container, the REST API proxying to it. */
export const containerMode: ComputeMode = {
  name: "container",
  logsWhat: "service container",
  devEntry: "server",
  plan: planContainerMode,
  planRetire: planRetireContainers,
  async deploy({ ctx, deps, connection, timings, state, reload }) {
    const deployed = await deployContainerMode(ctx, deps, connection, timings, state, reload);
    return {
      status: "deployed",
      mode: "container",
      apiUrl: deployed.apiUrl,
      version: deployed.version,
      result: containerResult(deployed),
    };
  },
  async retire({ ctx, deps, state }) {
    const engine = await deps.containerEngine();
    if ((await engine.state()).state !== "up") return [];
    const removed = await retireContainers(engine, await serviceContainers(engine, ctx.config.stack));
    await forgetGone(state, engine);
    return removed;
  },
  status: containerStatus,
  async logs({ ctx, deps, follow, sinceSeconds }) {
    const engine = await deps.containerEngine();
    await requireDocker(engine);
    return containerLogs(ctx, engine, { follow, sinceSeconds });
  },
};
