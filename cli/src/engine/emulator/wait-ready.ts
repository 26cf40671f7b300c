import { StackctlError } from "../../errors.ts";
import type { Clock, EmulatorHost, EnginePorts, ManagedEmulatorSpec } from "../ports.ts";
import { binaryDownloadsHook, correctionNotApplied } from "./corrections.ts";
import { type EmulatorInfo, initHooks } from "./probe.ts";

const authTokenPattern = /auth[ _-]?token|LOCALSTACK_AUTH_TOKEN|license (is )?(required|invalid)/i;

export interface WaitReadyInput {
  endpoint: string;
  image: string;
  target: ManagedEmulatorSpec;
  runtime: EmulatorHost;
  clock: Clock;
  /** The health check (the probe port) and, for LocalStack's init hooks, the HTTP port. */
  checks: Pick<EnginePorts, "probe" | "http">;
  timeoutMs: number;
  signal: AbortSignal;
  warn: (message: string) => void;
}

async function failure(
  input: WaitReadyInput,
  containerId: string | undefined,
  detail: string,
): Promise<StackctlError> {
  const tail = containerId === undefined ? [] : await input.runtime.logTail(containerId, 20).catch(() => []);
  if (tail.some((line) => authTokenPattern.test(line))) {
    return new StackctlError("AUTH_TOKEN_REQUIRED", { image: input.image }, { details: tail });
  }
  return new StackctlError("EMULATOR_START_FAILED", { detail }, { details: ["last log lines:", ...tail] });
}

/**
 * Ready = health answers, LocalStack's init hooks have completed, and the container has not exited;
 * all bounded by one timeout. A failure carries the container's log tail so it explains itself.
 */
export async function waitUntilReady(input: WaitReadyInput): Promise<EmulatorInfo> {
  const deadline = input.clock.now() + input.timeoutMs;
  let containerId: string | undefined;
  while (input.clock.now() < deadline) {
    if (input.signal.aborted) throw new StackctlError("INTERRUPTED");
    const container = await input.runtime.container(input.target);
    containerId = container?.id ?? containerId;
    if (container !== undefined && !container.running) {
      throw await failure(
        input,
        containerId,
        `the container exited (${container.status}, code ${container.exitCode})`,
      );
    }
    const probe = await input.checks.probe(input.endpoint, input.signal);
    if (probe.state === "ready" && probe.info.kind !== "localstack") return probe.info;
    if (probe.state === "ready") {
      const hooks = await initHooks(input.checks.http, input.endpoint, input.signal);
      if (hooks.completed) {
        // A failed hook does not stop LocalStack; say so, since what it should have set up is missing.
        const uncorrected = correctionNotApplied(hooks.failed);
        if (uncorrected !== undefined) input.warn(uncorrected);
        const others = hooks.failed.filter((name) => name !== binaryDownloadsHook);
        if (others.length > 0) input.warn(`init hooks failed: ${others.join(", ")} (see the emulator log)`);
        // The probe above may predate the hooks; what they corrected is known only now.
        const { corrections: _before, ...info } = probe.info;
        return hooks.corrections.length > 0 ? { ...info, corrections: hooks.corrections } : info;
      }
    }
    await input.clock.sleep(1_000, input.signal);
  }
  throw await failure(input, containerId, `not ready after ${Math.round(input.timeoutMs / 1000)} s`);
}
