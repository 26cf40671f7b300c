import { StackctlError } from "../../errors.ts";
import type { EngineContext } from "../context.ts";
import { loadComputeMode } from "../modes/load.ts";
import { isModeName } from "../modes/table.ts";
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
  if (!isModeName(mode))
    throw new StackctlError("NOT_DEPLOYED", {
      ...notDeployed(ctx),
      what: `${mode}-mode deployment whose logs stackctl can read`,
    });
  const compute = await loadComputeMode(mode);
  const shown = await compute.logs({ ctx, deps, ledger, follow: options.follow, sinceSeconds });
  if (shown === undefined)
    throw new StackctlError("NOT_DEPLOYED", { ...notDeployed(ctx), what: compute.logsWhat });
  return { mode, ...shown, follow: options.follow };
}
