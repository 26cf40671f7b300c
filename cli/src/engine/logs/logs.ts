import { StackctlError } from "../../errors.ts";
import type { EngineContext } from "../context.ts";
import { containerEngineFor } from "../deploy/engine-deps.ts";
import { requireDocker } from "../deploy/require-docker.ts";
import { containerLogs } from "../modes/container/logs.ts";
import { lambdaLogsOf } from "../modes/lambda/logs.ts";
import type { EnginePorts } from "../ports.ts";
import { readLedger } from "../state/ledger.ts";
import { parseSince } from "./since.ts";

export interface LogsOutcome {
  mode: string;
  source: string;
  lines: number;
  follow: boolean;
}

/** `stackctl logs [-f] [--since]`: the logs of whatever the stack runs now. */
const notDeployed = (ctx: EngineContext) => ({
  stack: ctx.config.stack,
  otherwise: ", or name the stack that runs the service with --stack",
});

export async function logs(
  ctx: EngineContext,
  deps: EnginePorts,
  options: { follow: boolean; since: string | undefined },
): Promise<LogsOutcome> {
  const sinceSeconds = options.since === undefined ? undefined : parseSince(options.since);
  const ledger = await readLedger(ctx.config.stateDir, ctx.config.stack).catch(() => undefined);
  const mode = ledger?.mode ?? ctx.config.mode;
  if (mode === "container") {
    const engine = await containerEngineFor(ctx, deps);
    await requireDocker(engine);
    const shown = await containerLogs(ctx, engine, { follow: options.follow, sinceSeconds });
    if (shown === undefined)
      throw new StackctlError("NOT_DEPLOYED", { ...notDeployed(ctx), what: "service container" });
    return { mode, ...shown, follow: options.follow };
  }
  if (mode === "lambda") {
    const shown = await lambdaLogsOf(ctx, deps, ledger?.endpoint, { follow: options.follow, sinceSeconds });
    if (shown === undefined)
      throw new StackctlError("NOT_DEPLOYED", { ...notDeployed(ctx), what: "function with logs" });
    return { mode, ...shown, follow: options.follow };
  }
  throw new StackctlError("NOT_DEPLOYED", {
    ...notDeployed(ctx),
    what: `${mode}-mode deployment whose logs stackctl can read`,
  });
}
