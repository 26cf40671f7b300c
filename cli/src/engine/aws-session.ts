import { StackctlError } from "../errors.ts";
import { countAwsCall } from "./aws-calls.ts";
import { connectionFailure, unreachable } from "./classify-error.ts";
import type { EngineContext } from "./context.ts";
import type { AwsPorts, EnginePorts } from "./ports.ts";

/**
 * Every AWS port against `endpoint` with the configured region and credentials, each call counted
 * (./aws-calls.ts). The caller closes them.
 */
export async function awsPortsFor(
  ctx: EngineContext,
  deps: EnginePorts,
  endpoint: string,
): Promise<AwsPorts> {
  return deps.aws({
    endpoint,
    region: ctx.config.region,
    credentials: ctx.config.credentials,
    onCall: countAwsCall,
  });
}

/**
 * Runs `work` with the AWS ports against `endpoint`, closed after. A call nothing answered (the
 * emulator stopped, a wrong port) is EMULATOR_UNREACHABLE naming `endpoint`, whichever command made it.
 */
export async function withAwsPorts<T>(
  ctx: EngineContext,
  deps: EnginePorts,
  endpoint: string,
  work: (aws: AwsPorts) => Promise<T>,
): Promise<T> {
  const aws = await awsPortsFor(ctx, deps, endpoint);
  try {
    return await work(aws);
  } catch (error) {
    const cause = error instanceof StackctlError && error.code === "AWS_CALL_FAILED" ? error.cause : error;
    const failure = error instanceof StackctlError && cause === error ? undefined : connectionFailure(cause);
    throw failure === undefined ? error : unreachable(endpoint, failure, cause);
  } finally {
    await aws.close();
  }
}
