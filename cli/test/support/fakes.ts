import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { composePorts, type PortOverrides } from "../../src/composition/ports.ts";
import { readSecrets } from "../../src/config/env.ts";
import { loadConfig } from "../../src/config/load.ts";
import type { EngineContext } from "../../src/engine/context.ts";
import type { EngineEvent } from "../../src/engine/events.ts";
import type {
  Clock,
  ContainerEngine,
  DockerState,
  EmulatorHost,
  EnginePorts,
  ManagedEmulatorSpec,
} from "../../src/engine/ports.ts";

export { freePort } from "../../../test/support/free-port.ts";

export interface FakeEmulator {
  server: Server;
  port: number;
  /** What /_localstack/init/ready reports. */
  initDone: boolean;
  initScripts: { name: string; state: string }[];
  close(): Promise<void>;
}

/** A 127.0.0.1 server answering LocalStack's health and init endpoints (and 501 to AWS calls). */
export async function startFakeLocalStack(port = 0, edition = "community"): Promise<FakeEmulator> {
  // Tests flip these while the server runs; the handler reads them on every request.
  const state: Pick<FakeEmulator, "initDone" | "initScripts"> = { initDone: true, initScripts: [] };
  const server = createServer((request, response) => {
    response.setHeader("content-type", "application/json");
    if (request.url === "/_localstack/health") {
      response.end(
        JSON.stringify({ services: { dynamodb: "running", s3: "running" }, version: "4.14.0", edition }),
      );
    } else if (request.url === "/_localstack/init/ready") {
      response.end(JSON.stringify({ completed: state.initDone, scripts: state.initScripts }));
    } else {
      response.statusCode = 501;
      response.end(JSON.stringify({ __type: "NotImplemented", message: "not in this fake" }));
    }
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  return Object.assign(state, {
    server,
    port: (server.address() as AddressInfo).port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  });
}

export interface RuntimeCalls {
  calls: string[];
  targets: ManagedEmulatorSpec[];
}

/** A Docker runtime that records calls; each behaviour can be replaced per test. */
export function fakeEmulatorHost(overrides: Partial<EmulatorHost> = {}): EmulatorHost & RuntimeCalls {
  const calls: string[] = [];
  const targets: ManagedEmulatorSpec[] = [];
  const record = (name: string, target?: ManagedEmulatorSpec) => {
    calls.push(name);
    if (target !== undefined) targets.push(target);
  };
  return {
    calls,
    targets,
    docker: async () => {
      record("docker");
      return { state: "up", version: "28.2.2" };
    },
    compose: async () => {
      record("compose");
      return { ok: true, version: "2.30.0" };
    },
    imagePresent: async () => {
      record("imagePresent");
      return true;
    },
    pull: async (target) => record("pull", target),
    up: async (target) => record("up", target),
    down: async (target) => record("down", target),
    container: async () => ({ id: "c0ffee", running: true, exitCode: 0, status: "running" }),
    logTail: async () => [],
    ...overrides,
  };
}

const refuseChange = (what: string) => async (): Promise<never> => {
  throw new Error(`${what}: this fake Docker engine holds nothing and accepts no changes`);
};

/**
 * A Docker engine that answers (`state`, default up) and holds nothing: every lookup finds nothing,
 * every change is refused; `calls` lists the lookups made.
 */
export function emptyDockerEngine(
  state: DockerState = { state: "up", version: "28.2.2" },
): ContainerEngine & { calls: string[] } {
  const calls: string[] = [];
  const lookup =
    <T>(name: string, found: T) =>
    async (): Promise<T> => {
      calls.push(name);
      return found;
    };
  return {
    calls,
    state: lookup("state", state),
    architecture: lookup("architecture", "amd64"),
    inspectImage: lookup("inspectImage", undefined),
    buildImage: refuseChange("build image"),
    pullImage: refuseChange("pull image"),
    tagImage: refuseChange("tag image"),
    pushImage: refuseChange("push image"),
    removeImage: refuseChange("remove image"),
    findImages: lookup("findImages", []),
    runContainer: refuseChange("run container"),
    runOnce: refuseChange("run container"),
    inspectContainer: lookup("inspectContainer", undefined),
    findContainers: lookup("findContainers", []),
    stopContainer: refuseChange("stop container"),
    removeContainer: refuseChange("remove container"),
    logTail: lookup("logTail", []),
    followLogs: refuseChange("follow logs"),
    ensureNetwork: refuseChange("create network"),
    removeNetwork: refuseChange("remove network"),
    findNetworks: lookup("findNetworks", []),
    bridgeGateway: lookup("bridgeGateway", "172.17.0.1"),
  };
}

/** Ports for calling an engine function directly: the fakes given, the real adapters for the rest (as `main` does). */
export function testPorts(overrides: PortOverrides): EnginePorts {
  return composePorts(overrides, process.env);
}

/** Time that only moves when someone sleeps, so timeouts are tested instantly. */
export function fakeClock(): Clock {
  let now = 0;
  return {
    now: () => now,
    sleep: async (ms) => {
      now += ms;
    },
  };
}

export async function engineContext(
  cwd: string,
  options: {
    port?: number;
    endpoint?: string;
    env?: Record<string, string>;
    dryRun?: boolean;
    stack?: string;
  } = {},
): Promise<EngineContext & { events: EngineEvent[] }> {
  const env = options.env ?? {};
  const flags = { stack: options.stack ?? "unit", endpoint: options.endpoint };
  const config = await loadConfig({ flags, env, cwd });
  config.emulator = { kind: config.emulator.kind, port: options.port ?? 4566, readyTimeoutMs: 10_000 };
  const events: EngineEvent[] = [];
  return {
    config,
    emit: (event) => events.push(event),
    signal: new AbortController().signal,
    secrets: readSecrets(env),
    dryRun: options.dryRun ?? false,
    explain: false,
    events,
  };
}
