import { StackctlError } from "../../errors.ts";
import { connectionFailure, unreachable } from "../classify-error.ts";
import type { EngineContext } from "../context.ts";
import { type ProbeResult, probeEmulator } from "../emulator/probe.ts";
import type { AwsPorts, ContainerEngine, EnginePorts } from "../ports.ts";

export async function containerEngineFor(ctx: EngineContext, deps: EnginePorts): Promise<ContainerEngine> {
  if (deps.containerEngine !== undefined) return deps.containerEngine();
  const { createDockerEngine } = await import("../../adapters/docker-engine.ts");
  return createDockerEngine(ctx.config.dockerHost);
}

/**
 * Every AWS port against `endpoint` with the configured region and credentials: the fakes the deps
 * carry, else the SDK adapters (loaded on first use). The caller closes them.
 */
export async function awsPortsFor(
  ctx: EngineContext,
  deps: EnginePorts,
  endpoint: string,
): Promise<AwsPorts> {
  const target = { endpoint, region: ctx.config.region, credentials: ctx.config.credentials };
  if (deps.aws !== undefined) return deps.aws(target);
  const { createAwsPorts } = await import("../../adapters/aws-ports.ts");
  return createAwsPorts(target);
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

/** The probe the ports carry, else the real one (the emulator's health endpoint). */
export function probeWith(deps: EnginePorts, endpoint: string, signal: AbortSignal): Promise<ProbeResult> {
  return (deps.probe ?? probeEmulator)(endpoint, signal);
}
