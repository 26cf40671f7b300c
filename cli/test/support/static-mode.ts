import { z } from "zod";
import { ensureStackApi, recordStackApi } from "../../src/engine/api/rest-api.ts";
import type { EngineContext } from "../../src/engine/context.ts";
import type { ComputeMode } from "../../src/engine/modes/compute-mode.ts";
import { placementFor } from "../../src/engine/modes/container/placement.ts";
import { planApi } from "../../src/engine/modes/container/plan.ts";
import { planRetireOthers, retireOtherModes } from "../../src/engine/modes/retire-others.ts";
import type { ModeEntry } from "../../src/engine/modes/table.ts";
import { emitPlanned, planStep } from "../../src/engine/plan-step.ts";
import type { ContainerEngine, ContainerInfo } from "../../src/engine/ports.ts";
import { profileFor } from "../../src/engine/profile/emulator-profile.ts";
import { roleLabel, stackLabel, stackLabels } from "../../src/engine/stack-labels.ts";
import { forgetResource, recordResource } from "../../src/engine/state/resources.ts";
import { runStep } from "../../src/engine/step.ts";

/**
 * A third compute mode that exists only in tests: a static HTTP server container (node's `http` on
 * the harness's stand-in node image) behind the stack's REST API. It lives outside `cli/src` and
 * joins the product through `registerComputeMode` alone: the proof that a mode is a folder and a
 * line in `engine/modes/table.ts`, with no engine file knowing about it.
 */
export const staticModeName = "static";
const role = "static-server";
const port = 8080;

/** What the server answers on every path, so a test knows it reached this mode through the API. */
export const staticBody = (stack: string) => `static server of ${stack}`;

const server = (stack: string) =>
  [
    "const http = require('node:http');",
    `http.createServer((req, res) => { console.log('static ' + req.method + ' ' + req.url);`,
    `res.setHeader('content-type', 'text/plain'); res.end(${JSON.stringify(staticBody(stack))}); })`,
    `.listen(${port}, () => console.log('static server listening on ${port}'));`,
    "process.on('SIGTERM', () => process.exit(0));",
  ].join(" ");

const staticContainers = (engine: ContainerEngine, stack: string): Promise<ContainerInfo[]> =>
  engine.findContainers({ [stackLabel]: stack, [roleLabel]: role });

async function answers(url: string, body: string, signal: AbortSignal): Promise<void> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    try {
      const response = await fetch(url, { signal: AbortSignal.any([signal, AbortSignal.timeout(3_000)]) });
      if ((await response.text()) === body) return;
    } catch {
      // not up yet
    }
    if (Date.now() > deadline) throw new Error(`${url} did not answer "${body}" within 30 s`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

async function retireStatic(ctx: EngineContext, engine: ContainerEngine, keep?: string): Promise<string[]> {
  const removed: string[] = [];
  for (const container of await staticContainers(engine, ctx.config.stack)) {
    if (container.id === keep) continue;
    await engine.stopContainer(container.id, 2);
    await engine.removeContainer(container.id);
    removed.push(`container ${container.name}`);
  }
  return removed;
}

const staticDeployed = z.strictObject({
  status: z.literal("deployed"),
  mode: z.literal(staticModeName),
  container: z.string(),
  retired: z.array(z.string()),
});

export const staticMode: ComputeMode = {
  name: staticModeName,
  logsWhat: "static server container",
  async plan(input) {
    const { ctx } = input;
    const { stack } = ctx.config;
    const engine =
      input.connection.session.info === undefined ? undefined : await input.deps.containerEngine();
    const running =
      engine === undefined ? [] : (await staticContainers(engine, stack)).filter((c) => c.running);
    const container = planStep(ctx, {
      step: "deploy.static",
      action: running.length > 0 ? "unchanged" : "create",
      target: running[0] === undefined ? "static server container" : `container ${running[0].name}`,
    });
    const placement = await placementFor(ctx, input.connection.session, engine);
    const hostPort = running[0]?.ports[port] ?? 0;
    const api = await planApi(ctx, input, {
      type: "HTTP_PROXY",
      baseUrl: placement.backendUrl({ name: running[0]?.name ?? "static", hostPort }),
    });
    return [container, api.entry, ...emitPlanned(ctx, await planRetireOthers(staticModeName, input))];
  },
  async planRetire(input) {
    if (input.connection.session.info === undefined) return [];
    const engine = await input.deps.containerEngine();
    return (await staticContainers(engine, input.ctx.config.stack)).map((container) => ({
      step: "cleanup",
      action: "delete",
      target: `container ${container.name}`,
      commands: [`docker rm -f ${container.name}`],
    }));
  },
  async deploy({ ctx, deps, connection, timings, state }) {
    const { stack } = ctx.config;
    const { session, aws } = connection;
    const info = session.info;
    if (info === undefined) throw new Error("static mode needs a running emulator");
    const engine = await deps.containerEngine();
    const placement = await placementFor(ctx, session, engine);
    const container = await runStep(ctx, timings, "deploy.static", async () => {
      const running = (await staticContainers(engine, stack)).find((candidate) => candidate.running);
      if (running !== undefined) return { value: running, message: `${running.name} unchanged` };
      if (!placement.emulatorInDocker) await engine.ensureNetwork(placement.network, stackLabels(stack));
      const name = `stackctl-${stack}-static-${Date.now().toString(36)}`;
      const started = await engine.runContainer({
        name,
        image: ctx.config.baseImage,
        env: {},
        labels: { ...stackLabels(stack), [roleLabel]: role },
        network: placement.network,
        extraHosts: placement.extraHosts,
        publish: { containerPort: port, hostIp: "127.0.0.1", hostPort: 0 },
        command: ["node", "-e", server(stack)],
      });
      await recordResource(state, { kind: "container", name, id: started.id, ownedByStackctl: true });
      return { value: started, message: `started ${name}` };
    });
    const hostPort = container.ports[port] ?? 0;
    const directUrl = `http://127.0.0.1:${hostPort}`;
    await answers(`${directUrl}/`, staticBody(stack), ctx.signal);
    const api = await runStep(ctx, timings, "api", () =>
      ensureStackApi(ctx, aws.restApis, profileFor(info), {
        type: "HTTP_PROXY",
        baseUrl: placement.backendUrl({ name: container.name, hostPort }),
      }),
    );
    await recordStackApi(state, stack, api, staticModeName);
    await answers(api.url, staticBody(stack), ctx.signal);
    const retired = await runStep(ctx, timings, "cleanup", async () => {
      const removed = [
        ...(await retireStatic(ctx, engine, container.id)),
        ...(await retireOtherModes(staticModeName, { ctx, deps, aws, state })),
      ];
      return { value: removed, message: removed.length === 0 ? "nothing to retire" : removed.join(", ") };
    });
    const deploy = { status: "deployed" as const, mode: staticModeName, container: container.name, retired };
    return {
      status: "deployed",
      mode: staticModeName,
      apiUrl: api.url,
      result: {
        deploy,
        directUrl,
        resources: { restApiId: api.id, functionName: null, containerId: container.id },
        image: { tag: ctx.config.baseImage, id: "", digest: null },
        changes: { created: [], updated: [], unchanged: [`container ${container.name}`] },
        summary: [`  static     ${container.name} behind ${api.url}`],
        timings: {},
      },
    };
  },
  async retire({ ctx, deps, state }) {
    const engine = await deps.containerEngine();
    if ((await engine.state()).state !== "up") return [];
    const removed = await retireStatic(ctx, engine);
    for (const entry of removed) forgetResource(state.ledger, "container", entry.replace(/^container /, ""));
    await state.save();
    return removed;
  },
  async status({ ctx, deps, api }) {
    const engine = await deps.containerEngine();
    const live = (await staticContainers(engine, ctx.config.stack)).find((candidate) => candidate.running);
    if (live === undefined)
      return { container: null, function: null, drift: ["static server container is gone"] };
    const hostPort = live.ports[port];
    const pointsHere =
      api?.target?.includes(`:${hostPort}`) === true || api?.target?.includes(live.name) === true;
    return {
      container: {
        id: live.id,
        name: live.name,
        state: live.status,
        health: live.health ?? null,
        image: live.image,
        directUrl: hostPort === undefined ? null : `http://127.0.0.1:${hostPort}`,
      },
      function: null,
      drift:
        api !== null && !pointsHere
          ? [`the API points at ${api.target ?? "nothing"}, not at ${live.name}`]
          : [],
    };
  },
  async logs({ ctx, deps, follow, sinceSeconds }) {
    const engine = await deps.containerEngine();
    const current = (await staticContainers(engine, ctx.config.stack))[0];
    if (current === undefined) return undefined;
    let lines = 0;
    await engine.followLogs(
      current.id,
      { follow, ...(sinceSeconds === undefined ? {} : { sinceSeconds }) },
      (line) => {
        lines += 1;
        ctx.emit({
          step: "logs",
          status: "line",
          message: line.text,
          stream: line.stream,
          source: current.name,
        });
      },
      ctx.signal,
    );
    return { source: current.name, lines };
  },
};

/** Its line in the table, as a mode of the product would have in `engine/modes/table.ts`. */
export const staticModeEntry: ModeEntry = {
  name: staticModeName,
  summary: "a static HTTP server container behind API Gateway (test only)",
  resultSchema: async () => staticDeployed,
  load: async () => staticMode,
};
