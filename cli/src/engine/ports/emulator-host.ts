// The managed emulator's launcher (compose), over the container engine for Docker state and
// inspection; adapter: adapters/docker-runtime.ts (+ adapters/compose.ts).
import type { DockerState } from "./container-engine.ts";

export interface ContainerStatus {
  id: string;
  running: boolean;
  exitCode: number;
  status: string;
}

/** One managed emulator: the compose file and project that run it, its service, the variables it reads. */
export interface ManagedEmulatorSpec {
  file: string;
  project: string;
  service: string;
  /** Variables the compose file interpolates (stack label, network, port, auth token). */
  env: Record<string, string>;
}

/**
 * What running the managed emulator takes: compose (the launcher, pull, up, down) and, for its
 * checks, the Docker state, image presence, the compose service's container and its log tail, which
 * the adapter reads through the ContainerEngine.
 */
export interface EmulatorHost {
  docker(): Promise<DockerState>;
  /** Whether the launcher (Docker Compose v2) is there, and its version. */
  compose(): Promise<{ ok: true; version: string } | { ok: false; detail: string }>;
  imagePresent(image: string): Promise<boolean>;
  pull(spec: ManagedEmulatorSpec): Promise<void>;
  up(spec: ManagedEmulatorSpec): Promise<void>;
  down(spec: ManagedEmulatorSpec): Promise<void>;
  container(spec: ManagedEmulatorSpec): Promise<ContainerStatus | undefined>;
  logTail(containerId: string, lines: number): Promise<string[]>;
}
