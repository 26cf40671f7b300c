import {
  type Backend,
  inspectStackApi,
  restApiName,
  stackApiCommands,
  stageName,
} from "../../api/rest-api.ts";
import type { EngineContext } from "../../context.ts";
import { planVerify } from "../../deploy/verify-api.ts";
import { planBundle } from "../../image/bundle.ts";
import { type PlannedImage, planImage } from "../../image/ensure-image.ts";
import { staleImages } from "../../image/remove-stale.ts";
import { emitPlanned, type PendingStep, type PlannedStep, planStep } from "../../plan-step.ts";
import type { ContainerEngine, ContainerInfo } from "../../ports.ts";
import { fixedRestApiId, plannedProfile, stageUrl } from "../../profile/emulator-profile.ts";
import { awsCli } from "../../provision/resource.ts";
import { shellLine } from "../../shell-quote.ts";
import { planSmoke } from "../../smoke/smoke.ts";
import { stackLabels } from "../../stack-labels.ts";
import type { PlanInput } from "../compute-mode.ts";
import { planRetireOthers } from "../retire-others.ts";
import { serviceContainers } from "./deploy-container.ts";
import {
  dockerRunCommand,
  networkCreateCommand,
  retireContainerCommands,
  waitHealthyCommand,
} from "./docker-commands.ts";
import { serviceImage } from "./image-spec.ts";
import { type Placement, placementFor, servicePort } from "./placement.ts";
import { drainSeconds } from "./removers.ts";
import { serviceTaskDefinition, specHash, specLabel, toContainerRun } from "./task-definition.ts";

/** The Docker engine when it answers; undefined (nothing read) otherwise, with a plan entry saying so. */
export async function plannedEngine(
  ctx: EngineContext,
  input: PlanInput,
  entries: PlannedStep[],
): Promise<ContainerEngine | undefined> {
  const running = input.connection.session.info !== undefined;
  const engine = running ? await input.deps.containerEngine() : undefined;
  const state = engine === undefined ? undefined : await engine.state();
  const up = state?.state === "up";
  entries.push(
    planStep(
      ctx,
      {
        step: "docker",
        action: "check",
        target: "Docker engine",
        message: up
          ? `Docker ${state.version}`
          : running
            ? "no Docker engine answers: up would stop here"
            : "not read (no emulator yet)",
      },
      ["docker version"],
    ),
  );
  return up ? engine : undefined;
}

/** The container step's plan: keep the one running this spec, or start one beside the old. */
async function planServiceContainer(
  ctx: EngineContext,
  input: PlanInput,
  engine: ContainerEngine | undefined,
  image: PlannedImage,
  placement: Placement,
): Promise<{ entry: PlannedStep; name: string; hostPort: number; previous: ContainerInfo[] }> {
  const { config } = ctx;
  const step = "deploy.container";
  const definition = serviceTaskDefinition(config, image, placement);
  const hash = specHash(definition, placement);
  const existing = engine === undefined ? [] : await serviceContainers(engine, config.stack);
  const current = existing.find(
    (container) =>
      container.labels[specLabel] === hash && container.running && container.ports[servicePort] !== undefined,
  );
  if (current !== undefined) {
    const hostPort = current.ports[servicePort] ?? 0;
    const entry = planStep(ctx, {
      step,
      action: "unchanged",
      target: `container ${current.name}`,
      message: `runs this spec on port ${hostPort}`,
    });
    return { entry, name: current.name, hostPort, previous: existing.filter((c) => c.id !== current.id) };
  }
  const name = `stackctl-${config.stack}-service-${hash.slice(0, 8)}`;
  const free = engine === undefined ? true : await input.deps.hostPorts.isFree(config.containerPort);
  const hostPort = config.containerPort;
  const commands: string[] = [];
  if (!placement.emulatorInDocker) {
    const networks = engine === undefined ? [] : await engine.findNetworks({});
    if (!networks.some((network) => network.name === placement.network))
      commands.push(networkCreateCommand(placement.network, stackLabels(config.stack)));
  }
  const stale = existing.find((container) => container.name === name);
  if (stale !== undefined) commands.push(shellLine("docker", "rm", "-f", stale.name));
  commands.push(
    dockerRunCommand(toContainerRun(definition, { name, hash, hostPort, placement })),
    waitHealthyCommand(name),
  );
  const previous = existing.filter((container) => container.id !== stale?.id);
  const entry = planStep(
    ctx,
    {
      step,
      action: previous.length > 0 ? "replace" : "create",
      target: `container ${name}`,
      message:
        [
          previous.length > 0 ? `beside ${previous.map((c) => c.name).join(", ")}` : undefined,
          free ? undefined : `port ${hostPort} is busy: another would be published`,
        ]
          .filter((part) => part !== undefined)
          .join("; ") || undefined,
    },
    commands,
  );
  return { entry, name, hostPort, previous };
}

/** The REST API step of either mode's plan: created, repointed or unchanged, with its AWS CLI lines. */
export async function planApi(
  ctx: EngineContext,
  input: PlanInput,
  backend: Backend,
  extraCommands: string[] = [],
): Promise<{ entry: PlannedStep; url: string }> {
  const { session, aws } = input.connection;
  const profile = plannedProfile(session);
  const { stack } = ctx.config;
  const inspection =
    session.info === undefined
      ? {
          api: undefined,
          proxyExists: false,
          methods: [false, true].map((proxy) => ({ proxy, exists: false, current: false })),
          stageExists: false,
          change: "create" as const,
        }
      : await inspectStackApi(aws.restApis, profile, stack, backend);
  const id = inspection.api?.id ?? (profile.restApiIdTag === undefined ? "<new id>" : fixedRestApiId(stack));
  const url = stageUrl(profile.endpoint, id, stageName, "/");
  const target = backend.type === "AWS_PROXY" ? backend.functionArn : backend.baseUrl;
  const entry = planStep(
    ctx,
    {
      step: "api",
      action: inspection.change,
      target: `rest-api ${restApiName(stack)} (${id})`,
      message: inspection.change === "unchanged" ? `already → ${target}` : `→ ${target}`,
    },
    [
      ...stackApiCommands(awsCli(session.endpoint, ctx.config.region), profile, stack, backend, inspection),
      ...extraCommands,
    ],
  );
  return { entry, url };
}

/** `up --mode container --dry-run`: each step of `deployContainerMode`, read-only. */
export async function planContainerMode(input: PlanInput): Promise<PlannedStep[]> {
  const { ctx, deps, connection } = input;
  const entries: PlannedStep[] = [];
  const engine = await plannedEngine(ctx, input, entries);
  const bundle = await planBundle(ctx, deps.processes, { read: engine !== undefined });
  try {
    entries.push(bundle.entry);
    const image = await planImage(ctx, engine, bundle.bundle, serviceImage, bundle.dir);
    entries.push(image.entry);
    const placement = await placementFor(ctx, connection.session, engine);
    const container = await planServiceContainer(ctx, input, engine, image.image, placement);
    entries.push(container.entry);
    const api = await planApi(ctx, input, {
      type: "HTTP_PROXY",
      baseUrl: placement.backendUrl({ name: container.name, hostPort: container.hostPort }),
    });
    entries.push(api.entry, planVerify(ctx, api.url, image.image.contentHash));
    const retiring = [
      ...container.previous.map((old) =>
        planStep(
          ctx,
          { step: "cleanup", action: "delete", target: `container ${old.name}` },
          retireContainerCommands(old.name, drainSeconds),
        ),
      ),
      ...(engine === undefined
        ? []
        : (
            await staleImages(
              engine,
              ctx.config.stack,
              image.image,
              new Set(container.previous.map((old) => old.id)),
            )
          ).map((tags) =>
            planStep(ctx, { step: "cleanup", action: "delete", target: `image ${tags[0]}` }, [
              shellLine("docker", "rmi", ...tags),
            ]),
          )),
      ...emitPlanned(ctx, await planRetireOthers("container", input)),
    ];
    entries.push(
      ...(retiring.length > 0
        ? retiring
        : [planStep(ctx, { step: "cleanup", action: "unchanged", target: "nothing to retire" })]),
    );
    entries.push(planSmoke(ctx, api.url));
    return entries;
  } finally {
    await bundle.dispose();
  }
}

/** A switch away from container mode: the stack's service containers go once the other mode serves. */
export async function planRetireContainers(input: PlanInput): Promise<PendingStep[]> {
  if (input.connection.session.info === undefined) return [];
  const engine = await input.deps.containerEngine();
  if ((await engine.state()).state !== "up") return [];
  return (await serviceContainers(engine, input.ctx.config.stack)).map((container) => ({
    step: "cleanup",
    action: "delete",
    target: `container ${container.name}`,
    commands: retireContainerCommands(container.name, drainSeconds),
  }));
}
