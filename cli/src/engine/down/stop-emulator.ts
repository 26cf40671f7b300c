import { withAwsPorts } from "../aws-session.ts";
import type { EngineContext } from "../context.ts";
import { composeCommand, composeTargetFor } from "../emulator/compose-target.ts";
import { managedEndpoint } from "../emulator/endpoint.ts";
import { ministackInstanceLabel, runningMinistack, stopMinistackProcess } from "../emulator/ministack/run.ts";
import { stackctlStartedEmulator } from "../emulator/serving.ts";
import { otherStackUsers } from "../emulator/stack-users.ts";
import type { EnginePorts } from "../ports.ts";
import { otherStacks } from "../state/ledger.ts";
import type { LedgerWriter } from "../state/ledger-writer.ts";
import { runStep, type StepOutcome } from "../step.ts";
import { type DownChanges, noChanges } from "./outcome.ts";

export interface EmulatorStop extends DownChanges {
  emulatorStopped: boolean;
}

const untouched: EmulatorStop = { ...noChanges, emulatorStopped: false };

/** The port of the managed emulator the stack used: its recorded endpoint's, else the configured one. */
function recordedPort(ctx: EngineContext, endpoint: string | undefined): number {
  const port = endpoint === undefined ? Number.NaN : Number(URL.parse(endpoint)?.port);
  return Number.isInteger(port) && port > 0 ? port : ctx.config.emulator.port;
}

/**
 * The stack whose compose project runs the managed LocalStack: the one its container's labels name
 * when stackctl started it (this stack's `up` or another's), else this stack when its ledger says
 * it started one (Docker not answering, or an older container without the label).
 */
async function managedStarter(
  ctx: EngineContext,
  deps: EnginePorts,
  startedHere: boolean,
): Promise<string | undefined> {
  const engine = await deps.containerEngine();
  const serving =
    (await engine.state()).state === "up"
      ? await stackctlStartedEmulator(engine, ctx.config.emulator.port)
      : undefined;
  return serving ?? (startedHere ? ctx.config.stack : undefined);
}

/**
 * The step's outcome when the emulator must keep running: other stacks use it (`why` says how), or
 * whether they do could not be told; undefined when nobody else uses it.
 */
async function keptForOthers(
  others: () => Promise<string[]>,
  why: string,
): Promise<StepOutcome<EmulatorStop> | undefined> {
  const kept = (message: string): StepOutcome<EmulatorStop> => ({
    value: { ...untouched, kept: ["emulator"] },
    skipped: true,
    message: `kept running: ${message}`,
  });
  let found: string[];
  try {
    found = await others();
  } catch (error) {
    return kept(`could not tell whether other stacks use it (${(error as Error).message.split("\n")[0]})`);
  }
  return found.length > 0 ? kept(`stacks ${found.join(", ")} ${why}`) : undefined;
}

/** Other stacks with resources in the emulator; none when it does not answer (nothing to lose). */
async function usersOf(ctx: EngineContext, deps: EnginePorts, endpoint: string): Promise<string[]> {
  if ((await deps.probe(endpoint, ctx.signal)).state !== "ready") return [];
  return withAwsPorts(ctx, deps, endpoint, (aws) => otherStackUsers(aws, ctx.config.stack, ctx.signal));
}

/**
 * Stops the LocalStack that stackctl started (this stack or another, whichever project folder it
 * came from) once no other stack has anything in it: its state is in memory, so stopping it would
 * lose theirs. A LocalStack started by hand, or named with --endpoint, is never stopped.
 */
export async function stopEmulator(
  ctx: EngineContext,
  deps: EnginePorts,
  state: LedgerWriter,
  timings: Record<string, number>,
): Promise<EmulatorStop> {
  if (ctx.config.endpoint !== undefined) return untouched;
  const startedHere = state.ledger.emulator?.startedByStackctl === true;
  if (startedHere && state.ledger.emulator?.kind === "ministack")
    return stopMinistack(ctx, deps, recordedPort(ctx, state.ledger.endpoint), timings);
  const starter = await managedStarter(ctx, deps, startedHere);
  if (starter === undefined) return untouched;
  const target = composeTargetFor({ ...ctx.config, stack: starter }, ctx.secrets);
  return runStep(ctx, timings, "emulator.stop", async (): Promise<StepOutcome<EmulatorStop>> => {
    if (ctx.explain)
      ctx.emit({
        step: "emulator.stop",
        status: "explain",
        commands: [composeCommand(target, ["down", "--remove-orphans"])],
      });
    const kept = await keptForOthers(
      () => usersOf(ctx, deps, managedEndpoint(ctx.config.emulator.port)),
      "have resources in it",
    );
    if (kept !== undefined) return kept;
    if (ctx.dryRun) {
      ctx.emit({
        step: "emulator.stop",
        status: "plan",
        action: "stop",
        target: `LocalStack (${target.project})`,
      });
      return { value: untouched, message: "would stop" };
    }
    await (await deps.emulatorHost()).down(target);
    return {
      value: { ...noChanges, emulatorStopped: true },
      message: `stopped ${target.project} (its in-memory data is gone)`,
    };
  });
}

/**
 * Stops the managed ministack on `port` when stackctl's cache dir records it as started by stackctl
 * (a ministack someone else runs there is never touched), unless another stack still uses it; then
 * removes any container it left (its own shutdown removes them; this is for a SIGKILL).
 */
function stopMinistack(
  ctx: EngineContext,
  deps: EnginePorts,
  port: number,
  timings: Record<string, number>,
): Promise<EmulatorStop> {
  return runStep(ctx, timings, "emulator.stop", async (): Promise<StepOutcome<EmulatorStop>> => {
    const run = await runningMinistack(deps.processes, ctx.config.cacheDir, port);
    if (ctx.explain && run !== undefined)
      ctx.emit({ step: "emulator.stop", status: "explain", commands: [`kill -TERM -${run.pid}`] });
    if (run === undefined)
      return { value: untouched, skipped: true, message: `no ministack of stackctl's runs on port ${port}` };
    // Users from the emulator itself (stacks of any project folder) and this folder's ledgers.
    const kept = await keptForOthers(
      async () => [
        ...new Set([
          ...(await usersOf(ctx, deps, `http://127.0.0.1:${port}`)),
          ...(await otherStacks(ctx.config.stateDir, ctx.config.stack)),
        ]),
      ],
      "use it",
    );
    if (kept !== undefined) return kept;
    if (ctx.dryRun) {
      ctx.emit({
        step: "emulator.stop",
        status: "plan",
        action: "stop",
        target: `ministack (pid ${run.pid})`,
      });
      return { value: untouched, message: "would stop" };
    }
    await stopMinistackProcess(deps.processes, ctx.config.cacheDir, run);
    const engine = await deps.containerEngine();
    const left = await engine.findContainers(ministackInstanceLabel(port));
    for (const container of left) await engine.removeContainer(container.id);
    const removed = left.length === 0 ? "" : `; removed ${left.length} container(s) it left`;
    return {
      value: { ...noChanges, emulatorStopped: true },
      message: `stopped ministack (pid ${run.pid}; its in-memory data is gone${removed})`,
    };
  });
}
