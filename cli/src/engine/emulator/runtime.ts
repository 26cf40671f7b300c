/** What managing a LocalStack container needs from Docker; the adapter is adapters/docker-runtime.ts. */
export type DockerState =
  | { state: "missing" }
  | { state: "down"; detail: string }
  | { state: "up"; version: string };

export interface ContainerStatus {
  id: string;
  running: boolean;
  exitCode: number;
  status: string;
}

export interface ComposeTarget {
  file: string;
  project: string;
  service: string;
  /** Variables the compose file interpolates (stack label, network, port, auth token). */
  env: Record<string, string>;
}

export interface EmulatorRuntime {
  docker(): Promise<DockerState>;
  compose(): Promise<{ ok: true; version: string } | { ok: false; detail: string }>;
  imagePresent(image: string): Promise<boolean>;
  pull(target: ComposeTarget): Promise<void>;
  up(target: ComposeTarget): Promise<void>;
  down(target: ComposeTarget): Promise<void>;
  container(target: ComposeTarget): Promise<ContainerStatus | undefined>;
  logTail(containerId: string, lines: number): Promise<string[]>;
  /** Containers (running or not) carrying `label=value`. */
  findLabelled(label: string, value: string): Promise<{ id: string; name: string }[]>;
  removeContainer(id: string): Promise<void>;
}

export interface Clock {
  now(): number;
  sleep(ms: number, signal: AbortSignal): Promise<void>;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms, signal) =>
    new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      signal.addEventListener("abort", () => {
        clearTimeout(timer);
        resolve();
      });
    }),
};
