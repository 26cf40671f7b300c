import type Docker from "dockerode";
import type { Labels } from "../engine/ports.ts";

export type DockerClient = () => Promise<Docker>;

/** A dockerode client created (and the module imported) on first use, so `--help` never loads it. */
export function lazyDockerClient(): DockerClient {
  let client: Docker | undefined;
  return async () => {
    if (client === undefined) {
      const { default: Dockerode } = await import("dockerode");
      client = new Dockerode();
    }
    return client;
  };
}

export function dockerStatus(error: unknown): number | undefined {
  return (error as { statusCode?: number }).statusCode;
}

/**
 * The one 404 policy: an object Docker does not have is absent (a lookup gives undefined) or already
 * where a removal wants it. `also`: other answers that end the same way (409: removal in progress;
 * 304: already stopped).
 */
export async function unlessAbsent<T>(work: () => Promise<T>, also: number[] = []): Promise<T | undefined> {
  try {
    return await work();
  } catch (error) {
    const status = dockerStatus(error);
    if (status === 404 || (status !== undefined && also.includes(status))) return undefined;
    throw error;
  }
}

// An empty value matches any value of the label.
export const labelFilters = (labels: Labels) =>
  Object.entries(labels).map(([key, value]) => (value === "" ? key : `${key}=${value}`));
