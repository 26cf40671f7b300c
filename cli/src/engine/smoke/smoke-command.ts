import { StackctlError } from "../../errors.ts";
import type { EngineContext } from "../context.ts";
import { locateStack } from "../deploy/locate.ts";
import type { EnginePorts } from "../ports.ts";
import { runStep } from "../step.ts";
import { runSmoke, type SmokeReport } from "./smoke.ts";

/** `stackctl smoke [--url]`: the smoke checks against the stack's API URL, or any URL given. */
export async function smoke(
  ctx: EngineContext,
  deps: EnginePorts,
  url: string | undefined,
): Promise<SmokeReport & { timings: Record<string, number> }> {
  const timings: Record<string, number> = {};
  const baseUrl =
    url ??
    (await runStep(ctx, timings, "locate", async () => {
      const located = await locateStack(ctx, deps);
      if (located.emulator === undefined)
        throw new StackctlError("EMULATOR_UNREACHABLE", {
          endpoint: located.endpoint,
          detail: "not running",
        });
      if (located.api === undefined)
        throw new StackctlError("NOT_DEPLOYED", {
          stack: ctx.config.stack,
          what: "REST API",
          otherwise: ", or pass --url to check another deployment",
        });
      return { value: located.api.url, message: located.api.url };
    }));
  const report = await runStep(ctx, timings, "smoke", async () => {
    const result = await runSmoke({
      baseUrl,
      signal: ctx.signal,
      http: deps.http,
      onCheck: (check) => ctx.emit({ step: `smoke.${check.name}`, status: "done", ms: check.ms }),
    });
    return { value: result, message: `${result.checks.length} checks passed` };
  });
  return { ...report, timings };
}
