import type { EngineContext } from "./context.ts";
import type { AwsPorts, EnginePorts } from "./ports.ts";

/** Every AWS port against `endpoint` with the configured region and credentials. The caller closes them. */
export async function awsPortsFor(
  ctx: EngineContext,
  deps: EnginePorts,
  endpoint: string,
): Promise<AwsPorts> {
  return deps.aws({ endpoint, region: ctx.config.region, credentials: ctx.config.credentials });
}

/** Runs `work` with the AWS ports against `endpoint`, closed after. */
export async function withAwsPorts<T>(
  ctx: EngineContext,
  deps: EnginePorts,
  endpoint: string,
  work: (aws: AwsPorts) => Promise<T>,
): Promise<T> {
  const aws = await awsPortsFor(ctx, deps, endpoint);
  try {
    return await work(aws);
  } finally {
    await aws.close();
  }
}
