import { awsPortsFor } from "./aws-session.ts";
import type { EngineContext } from "./context.ts";
import { type Capabilities, detectCapabilities } from "./emulator/capabilities.ts";
import { type EmulatorSession, ensureEmulator } from "./emulator/ensure.ts";
import type { AwsPorts, EnginePorts } from "./ports.ts";
import { runStep } from "./step.ts";

export interface Connection {
  session: EmulatorSession;
  /** Every AWS port against the session's endpoint; the caller closes them. */
  aws: AwsPorts;
  capabilities: Capabilities | undefined;
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
    const capabilities = await runStep(ctx, timings, "emulator.capabilities", async () => {
      const dockerReachable = async () => (await (await deps.emulatorHost()).docker()).state === "up";
      const detected = await detectCapabilities(info, { registry: aws.registry, dockerReachable });
      return {
        value: detected,
        message: `ecr ${detected.ecr ? "yes" : "no"}, image lambdas ${detected.imageLambdas ? "yes" : "no"}`,
      };
    });
    return { session, aws, capabilities };
  } catch (error) {
    // The caller closes the ports of a connection it got; one it never got is closed here.
    await aws.close();
    throw error;
  }
}
