import type Docker from "dockerode";

/** A dockerode client created (and the module imported) on first use, so `--help` never loads it. */
export function lazyDockerClient(): () => Promise<Docker> {
  let client: Docker | undefined;
  return async () => {
    if (client === undefined) {
      const { default: Dockerode } = await import("dockerode");
      client = new Dockerode();
    }
    return client;
  };
}
