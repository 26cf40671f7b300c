/**
 * The composition root: the one place ports are built. `main` calls it once per run with what the
 * caller passed (tests: fakes) and it fills every unset port with its real adapter, each adapter
 * module loaded on first use so `stackctl --help` loads none of Docker, execa or the AWS SDK.
 */
import { fetchHttp } from "../adapters/http.ts";
import type { Environment } from "../config/env.ts";
import { readEnv } from "../config/env.ts";
import { systemClock } from "../engine/clock.ts";
import { probeHealth } from "../engine/emulator/probe.ts";
import type {
  ContainerEngine,
  EmulatorHost,
  EnginePorts,
  FileWatcher,
  Keys,
  Processes,
  ServiceBundler,
} from "../engine/ports.ts";

/** What a caller may pass; the rest are the real adapters. */
export type PortOverrides = Partial<EnginePorts>;

function once<T>(make: () => Promise<T>): () => Promise<T> {
  let made: Promise<T> | undefined;
  return () => {
    made ??= make();
    return made;
  };
}

/** The real child processes, their module loaded on first use. */
function lazyProcesses(env: Environment): Processes {
  const real = once(async () => (await import("../adapters/processes.ts")).createProcesses(env));
  return {
    runNode: async (...args) => (await real()).runNode(...args),
    run: async (...args) => (await real()).run(...args),
    startDetached: async (...args) => (await real()).startDetached(...args),
    commandLine: async (...args) => (await real()).commandLine(...args),
    stop: async (...args) => (await real()).stop(...args),
  };
}

const bundler = once<ServiceBundler>(
  async () => (await import("../adapters/esbuild-bundler.ts")).esbuildBundler,
);

const fileWatcher: FileWatcher = {
  watch: async (...args) => (await import("../adapters/file-watcher.ts")).fsWatcher.watch(...args),
};

/** The terminal's keys, raw; Ctrl-C (0x03 in raw mode) is turned back into SIGINT. */
const terminalKeys: Keys = {
  listen(onKey, signal) {
    const stdin = process.stdin;
    if (stdin.isTTY !== true || process.stdout.isTTY !== true) return false;
    stdin.setRawMode(true);
    stdin.resume();
    const onData = (data: Buffer) => {
      const text = data.toString("utf8");
      if (text === "\u0003") process.kill(process.pid, "SIGINT");
      else onKey(text);
    };
    stdin.on("data", onData);
    signal.addEventListener(
      "abort",
      () => {
        stdin.off("data", onData);
        stdin.setRawMode(false);
        stdin.pause();
      },
      { once: true },
    );
    return true;
  },
};

export function composePorts(overrides: PortOverrides | undefined, env: Environment): EnginePorts {
  const given = overrides ?? {};
  const dockerHost = readEnv(env, "DOCKER_HOST");
  const http = given.http ?? fetchHttp;
  const containerEngine =
    given.containerEngine ??
    once<ContainerEngine>(async () =>
      (await import("../adapters/docker-engine.ts")).createDockerEngine(dockerHost),
    );
  const emulatorHost =
    given.emulatorHost ??
    once<EmulatorHost>(async () =>
      (await import("../adapters/docker-runtime.ts")).createDockerRuntime({
        dockerHost,
        childEnv: env,
        engine: await containerEngine(),
      }),
    );
  return {
    clock: given.clock ?? systemClock,
    emulatorHost,
    containerEngine,
    aws: given.aws ?? (async (target) => (await import("../adapters/aws-ports.ts")).createAwsPorts(target)),
    probe: given.probe ?? ((endpoint, signal) => probeHealth(http, endpoint, signal)),
    http,
    hostPorts: given.hostPorts ?? {
      isFree: async (port) => (await import("../adapters/host-ports.ts")).netHostPorts.isFree(port),
    },
    processes: given.processes ?? lazyProcesses(env),
    platform: given.platform ?? { arch: process.arch === "arm64" ? "arm64" : "amd64" },
    bundler: given.bundler ?? bundler,
    fileWatcher: given.fileWatcher ?? fileWatcher,
    keys: given.keys ?? terminalKeys,
  };
}

/** The real emulator probe (the health endpoint over fetch), for callers outside a command. */
export const probeEmulator = (endpoint: string, signal?: AbortSignal, timeoutMs?: number) =>
  probeHealth(fetchHttp, endpoint, signal, timeoutMs);
