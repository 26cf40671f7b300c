import type { ManagedEmulatorKind } from "../../config/schema.ts";

/**
 * What the managed emulator exposes, said where the user looks (doctor, the `up` that starts it,
 * README's "Security"). Both start Lambda containers through the Docker engine, so they can do
 * anything it can, and both accept any credentials. LocalStack mounts the Docker socket read-write
 * and publishes only on loopback (docker-compose.yml); ministack runs on the host as the user, on
 * loopback and on the Docker bridge gateway, where containers of this machine reach it.
 */
export function managedExposure(kind: ManagedEmulatorKind, port: number): string {
  if (kind === "ministack")
    return `the managed ministack runs as your user and talks to the Docker engine (it starts Lambda containers, so it can control this Docker engine) and accepts any credentials; it listens on 127.0.0.1:${port} and on the Docker bridge gateway (port ${port}), which containers on this machine reach`;
  return `the managed LocalStack mounts the Docker socket read-write (it starts Lambda containers, so it can control this Docker engine) and accepts any credentials; it listens on 127.0.0.1:${port} only`;
}
