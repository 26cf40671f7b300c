import type Docker from "dockerode";
import { poll } from "./poll.ts";

/** RIE's invoke path inside AWS Lambda base images (and the stand-in). */
export const RIE_INVOKE_PATH = "/2015-03-31/functions/function/invocations";

/**
 * Runs an image with port 8080 published on loopback (a random host port); returns its base URL.
 */
export async function startPublishedContainer(
  docker: Docker,
  options: { image: string; labels: Record<string, string>; env?: string[] },
): Promise<string> {
  const container = await docker.createContainer({
    Image: options.image,
    Labels: options.labels,
    Env: options.env ?? [],
    ExposedPorts: { "8080/tcp": {} },
    HostConfig: { PortBindings: { "8080/tcp": [{ HostIp: "127.0.0.1", HostPort: "" }] } },
  });
  await container.start();
  const info = await container.inspect();
  const port = info.NetworkSettings.Ports["8080/tcp"]?.[0]?.HostPort;
  if (!port) throw new Error(`container ${container.id} published no port for 8080/tcp`);
  return `http://127.0.0.1:${port}`;
}

/**
 * Runs a Lambda image as a plain container (no AWS_LAMBDA_RUNTIME_API, so its entrypoint starts
 * RIE); returns the invoke URL.
 */
export async function startRieContainer(
  docker: Docker,
  image: string,
  labels: Record<string, string>,
  env?: string[],
): Promise<string> {
  return `${await startPublishedContainer(docker, { image, labels, ...(env === undefined ? {} : { env }) })}${RIE_INVOKE_PATH}`;
}

/** Invokes through RIE, retrying until RIE listens; returns the function's JSON result. */
export function invokeRie(url: string, event: unknown, timeoutMs = 30_000): Promise<unknown> {
  return poll(
    `RIE at ${url}`,
    async () => {
      const res = await fetch(url, {
        method: "POST",
        body: JSON.stringify(event),
        signal: AbortSignal.timeout(10_000),
      });
      if (!res.ok) throw new Error(`RIE answered ${res.status}: ${await res.text()}`);
      return (await res.json()) as unknown;
    },
    { timeoutMs },
  );
}
