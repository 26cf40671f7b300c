import type { EngineContext } from "../../context.ts";
import type { BuiltImage } from "../../image/ensure-image.ts";
import { explainStep } from "../../plan-step.ts";
import type { ContainerEngine, ContainerInfo, EnginePorts, Http } from "../../ports.ts";
import { shellLine } from "../../shell-quote.ts";
import { roleLabel, stackLabel, stackLabels } from "../../stack-labels.ts";
import type { LedgerWriter } from "../../state/ledger-writer.ts";
import { forgetResource, recordResource } from "../../state/resources.ts";
import { dockerRunCommand, networkCreateCommand, waitHealthyCommand } from "./docker-commands.ts";
import { portTakenAtBind } from "./host-port.ts";
import { type Placement, servicePort } from "./placement.ts";
import { probeEmulatorFromContainer } from "./probe-reach.ts";
import { removeContainer } from "./removers.ts";
import {
  type DevCode,
  serviceTaskDefinition,
  specHash,
  specLabel,
  toContainerRun,
} from "./task-definition.ts";
import { waitHealthy } from "./wait-healthy.ts";

export interface ServiceContainer {
  id: string;
  name: string;
  hostPort: number;
  directUrl: string;
  specHash: string;
  change: "started" | "unchanged";
  /** Set when the configured port was busy and another was taken. */
  portNote?: string;
  /** Older service containers of the stack, to stop once the API points at this one. */
  previous: ContainerInfo[];
}

export function serviceContainers(engine: ContainerEngine, stack: string): Promise<ContainerInfo[]> {
  return engine.findContainers({ [stackLabel]: stack, [roleLabel]: "service" });
}

async function answersHealth(http: Http, url: string): Promise<boolean> {
  try {
    const response = await http.request(url, { timeoutMs: 3_000 });
    return response.status === 200;
  } catch {
    return false;
  }
}

/**
 * Runs the service container for `image`, or keeps the one already running that spec. A new one
 * starts beside the old (own name, own port), so the old keeps serving until the API is repointed.
 */
export async function deployContainer(
  ctx: EngineContext,
  engine: ContainerEngine,
  ports: Pick<EnginePorts, "clock" | "http" | "hostPorts">,
  options: {
    image: BuiltImage;
    placement: Placement;
    emulatorPort: string;
    state: LedgerWriter;
    /** A `stackctl dev` reload: this bundle over the image's, reaching the emulator as the last `up` proved. */
    code?: DevCode;
  },
): Promise<{ value: ServiceContainer; message: string }> {
  const { config } = ctx;
  const { placement } = options;
  const definition = serviceTaskDefinition(config, options.image, placement, options.code);
  const hash = specHash(definition, placement);
  const existing = await serviceContainers(engine, config.stack);
  const current = existing.find(
    (container) =>
      container.labels[specLabel] === hash && container.running && container.ports[servicePort] !== undefined,
  );
  if (current !== undefined) {
    const hostPort = current.ports[servicePort] ?? 0;
    const directUrl = `http://127.0.0.1:${hostPort}`;
    if (await answersHealth(ports.http, `${directUrl}/`)) {
      return {
        value: {
          id: current.id,
          name: current.name,
          hostPort,
          directUrl,
          specHash: hash,
          change: "unchanged",
          previous: existing.filter((container) => container.id !== current.id),
        },
        message: `${current.name} unchanged (healthy on ${directUrl})`,
      };
    }
  }
  const commands: string[] = [];
  if (!placement.emulatorInDocker) {
    const network = await engine.ensureNetwork(placement.network, stackLabels(config.stack));
    if (network.created) {
      commands.push(networkCreateCommand(placement.network, stackLabels(config.stack)));
      await recordResource(options.state, {
        kind: "network",
        name: placement.network,
        id: network.id,
        ownedByStackctl: true,
      });
      ctx.emit({ step: "deploy.container", status: "log", message: `created network ${placement.network}` });
    }
  }
  if (options.code === undefined)
    await probeEmulatorFromContainer(engine, {
      stack: config.stack,
      image: options.image.tag,
      placement,
      port: options.emulatorPort,
    });
  const name = `stackctl-${config.stack}-service-${hash.slice(0, 8)}`;
  // A leftover of an interrupted run with the same spec (stopped or unhealthy) makes way.
  const stale = existing.find((container) => container.name === name);
  if (stale !== undefined) await removeContainer(engine, stale.id, { drain: false });
  const wanted = config.containerPort;
  let free = await ports.hostPorts.isFree(wanted);
  const run = (hostPort: number) =>
    engine.runContainer(toContainerRun(definition, { name, hash, hostPort, placement }));
  // The port can be taken between the check and Docker's bind (another stack's parallel `up`):
  // a bind refused at start falls back to a free port exactly as a port found busy before.
  const started = free
    ? await run(wanted).catch((error: unknown) => {
        if (!portTakenAtBind(error)) throw error;
        free = false;
        return run(0);
      })
    : await run(0);
  const hostPort = started.ports[servicePort] ?? 0;
  const directUrl = `http://127.0.0.1:${hostPort}`;
  // The run as it happened (the port it got), so the lines reproduce this container.
  explainStep(ctx, "deploy.container", [
    ...commands,
    ...(stale === undefined ? [] : [shellLine("docker", "rm", "-f", stale.name)]),
    dockerRunCommand(toContainerRun(definition, { name, hash, hostPort, placement })),
    waitHealthyCommand(name),
  ]);
  // Recorded before the health wait: a run killed now leaves a container the ledger knows.
  await recordResource(options.state, {
    kind: "container",
    name,
    id: started.id,
    ownedByStackctl: true,
    attributes: {
      image: options.image.tag,
      hostPort,
      specHash: hash,
      ...(options.code === undefined ? {} : { devBundle: options.code.dist }),
    },
  });
  try {
    await waitHealthy({
      engine,
      clock: ports.clock,
      http: ports.http,
      signal: ctx.signal,
      containerId: started.id,
      name,
      url: `${directUrl}/`,
      timeoutMs: 60_000,
      ...(options.code === undefined ? {} : { pollMs: 50 }),
    });
  } catch (error) {
    // A container that never became healthy serves nothing and would restart forever: remove it
    // (its log tail is in the error); the previous one keeps serving.
    await removeContainer(engine, started.id, { drain: false }).catch(() => undefined);
    forgetResource(options.state.ledger, "container", name);
    await options.state.save();
    throw error;
  }
  const portNote = free ? undefined : `port ${wanted} is busy, published on ${hostPort} instead`;
  if (portNote !== undefined) ctx.emit({ step: "deploy.container", status: "warn", message: portNote });
  return {
    value: {
      id: started.id,
      name,
      hostPort,
      directUrl,
      specHash: hash,
      change: "started",
      ...(portNote === undefined ? {} : { portNote }),
      previous: existing.filter((container) => container.id !== started.id && container.id !== stale?.id),
    },
    message: `${name} healthy on ${directUrl}`,
  };
}
