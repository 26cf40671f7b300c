/**
 * What the managed LocalStack exposes, said where the user looks (doctor, the `up` that starts it,
 * README's "Security"): it gets the Docker socket read-write because it starts the Lambda containers,
 * so it can do anything this Docker engine can; it accepts any credentials; so it publishes only on
 * loopback (docker-compose.yml).
 */
export function managedExposure(port: number): string {
  return `the managed LocalStack mounts the Docker socket read-write (it starts Lambda containers, so it can control this Docker engine) and accepts any credentials; it listens on 127.0.0.1:${port} only`;
}
