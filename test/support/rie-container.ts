import type { ContainerEngine, Labels } from "../../cli/src/engine/ports.ts";
import { poll } from "./poll.ts";

/** RIE's invoke path inside AWS Lambda base images (and the stand-in). */
export const RIE_INVOKE_PATH = "/2015-03-31/functions/function/invocations";

/**
 * Runs an image on the default bridge with port 8080 published on loopback (a free host port),
 * through the product's container engine; returns its base URL.
 */
export async function startPublishedContainer(
  engine: ContainerEngine,
  options: { name: string; image: string; labels: Labels; env?: Record<string, string> },
): Promise<string> {
  const started = await engine.runContainer({
    name: options.name,
    image: options.image,
    env: options.env ?? {},
    labels: options.labels,
    network: "bridge",
    publish: { containerPort: 8080, hostIp: "127.0.0.1", hostPort: 0 },
  });
  const port = started.ports[8080];
  if (port === undefined) throw new Error(`container ${started.name} published no port for 8080/tcp`);
  return `http://127.0.0.1:${port}`;
}

/**
 * Runs a Lambda image as a plain container (no AWS_LAMBDA_RUNTIME_API, so its entrypoint starts
 * RIE); returns the invoke URL.
 */
export async function startRieContainer(
  engine: ContainerEngine,
  options: { name: string; image: string; labels: Labels; env?: Record<string, string> },
): Promise<string> {
  return `${await startPublishedContainer(engine, options)}${RIE_INVOKE_PATH}`;
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
