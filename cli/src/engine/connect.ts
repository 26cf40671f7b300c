import { awsPortsFor } from "./aws-session.ts";
import type { EngineContext } from "./context.ts";
import { type Capabilities, detectCapabilities } from "./emulator/capabilities.ts";
import {
  forgetCapabilities,
  rememberCapabilities,
  rememberedCapabilities,
  worthRemembering,
} from "./emulator/capability-memo.ts";
import { type EmulatorSession, ensureEmulator } from "./emulator/ensure.ts";
import type { EmulatorInfo } from "./emulator/probe.ts";
import type { AwsPorts, EnginePorts } from "./ports.ts";
import { runStep } from "./step.ts";

export interface Connection {
  session: EmulatorSession;
  /** Every AWS port against the session's endpoint; the caller closes them. */
  aws: AwsPorts;
  capabilities: Capabilities | undefined;
}

export interface CapabilitiesFound {
  capabilities: Capabilities;
  /** From the memo of this emulator instance (./emulator/capability-memo.ts), not probed this run. */
  remembered: boolean;
}

/**
 * The `emulator.capabilities` step: remembered for this emulator instance when a run already
 * detected them, else detected (an ECR call, a Docker ping) and remembered. `fresh` skips the memo.
 */
export async function capabilitiesStep(
  ctx: EngineContext,
  deps: EnginePorts,
  timings: Record<string, number>,
  info: EmulatorInfo,
  registry: AwsPorts["registry"],
  options: { fresh: boolean } = { fresh: false },
): Promise<CapabilitiesFound> {
  const { stateDir } = ctx.config;
  return runStep(ctx, timings, "emulator.capabilities", async () => {
    const memo = options.fresh ? undefined : await rememberedCapabilities(stateDir, info);
    const found =
      memo === undefined
        ? {
            capabilities: await detectCapabilities(info, {
              registry,
              dockerReachable: async () => (await (await deps.emulatorHost()).docker()).state === "up",
            }),
            remembered: false,
          }
        : { capabilities: memo.capabilities, remembered: true };
    if (!found.remembered && !ctx.dryRun && worthRemembering(info, found.capabilities))
      await rememberCapabilities(stateDir, info, found.capabilities, new Date());
    const { ecr, imageLambdas } = found.capabilities;
    const source = memo === undefined ? "" : ` (remembered for this emulator since ${memo.detectedAt})`;
    return {
      value: found,
      message: `ecr ${ecr ? "yes" : "no"}, image lambdas ${imageLambdas ? "yes" : "no"}${source}`,
    };
  });
}

/** The emulator lost its state since the memo was written (ministack restarted): detect again. */
export async function redetectCapabilities(
  ctx: EngineContext,
  deps: EnginePorts,
  timings: Record<string, number>,
  info: EmulatorInfo,
  registry: AwsPorts["registry"],
): Promise<CapabilitiesFound> {
  if (!ctx.dryRun) await forgetCapabilities(ctx.config.stateDir, info);
  return capabilitiesStep(ctx, deps, timings, info, registry, { fresh: true });
}

/** The emulator step (reuse, start or use the named one) and, once it runs, capability detection. */
export async function connect(
  ctx: EngineContext,
  deps: EnginePorts,
  timings: Record<string, number>,
  options: { mayStart: boolean; capabilities: boolean } = { mayStart: true, capabilities: true },
): Promise<Connection> {
  const session = await runStep(ctx, timings, "emulator", async () => {
    const { session, message } = await ensureEmulator(ctx, deps, options.mayStart);
    return { value: session, message };
  });
  const aws = await awsPortsFor(ctx, deps, session.endpoint);
  const info = session.info;
  if (info === undefined || !options.capabilities) return { session, aws, capabilities: undefined };
  try {
    const { capabilities } = await capabilitiesStep(ctx, deps, timings, info, aws.registry);
    return { session, aws, capabilities };
  } catch (error) {
    // The caller closes the ports of a connection it got; one it never got is closed here.
    await aws.close();
    throw error;
  }
}
