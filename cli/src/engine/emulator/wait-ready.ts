import { StackctlError } from "../../errors.ts";
import { type EmulatorInfo, initHooksDone, probeEmulator } from "./probe.ts";
import type { Clock, ComposeTarget, EmulatorRuntime } from "./runtime.ts";

const authTokenPattern = /auth[ _-]?token|LOCALSTACK_AUTH_TOKEN|license (is )?(required|invalid)/i;

export interface WaitReadyInput {
  endpoint: string;
  image: string;
  target: ComposeTarget;
  runtime: EmulatorRuntime;
  clock: Clock;
  timeoutMs: number;
  signal: AbortSignal;
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
    const probe = await probeEmulator(input.endpoint, input.signal);
    if (probe.state === "ready") {
      const hooksDone =
        probe.info.kind !== "localstack" || (await initHooksDone(input.endpoint, input.signal));
      if (hooksDone) return probe.info;
    }
    await input.clock.sleep(1_000, input.signal);
  }
  throw await failure(input, containerId, `not ready after ${Math.round(input.timeoutMs / 1000)} s`);
}
