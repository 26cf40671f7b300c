import { StackctlError } from "../../errors.ts";
import type { EngineContext } from "../context.ts";
import { explainStep, type PlannedStep, planStep } from "../plan-step.ts";
import type { EnginePorts } from "../ports.ts";
import { shellLine } from "../shell-quote.ts";

/**
 * Polls the stable URL until `GET /` reports the version just deployed; a deployment can take a
 * moment to reach an emulator's router. Fails with API_NOT_SERVING (exit 4) after `timeoutMs`.
 */
export async function verifyThroughApi(
  url: string,
  version: string,
  ports: Pick<EnginePorts, "clock" | "http">,
  signal: AbortSignal,
  timeoutMs = 20_000,
  explain?: EngineContext,
): Promise<void> {
  if (explain !== undefined) explainStep(explain, "api.verify", verifyCommands(url, version));
  const { clock, http } = ports;
  const deadline = clock.now() + timeoutMs;
  let last = "no answer";
  for (;;) {
    try {
      const response = await http.request(url, { timeoutMs: 10_000, signal });
      const text = Buffer.from(response.body).toString("utf8");
      if (response.status === 200) {
        const body = JSON.parse(text) as { version?: unknown };
        if (body.version === version) return;
        last = `answers version ${JSON.stringify(body.version)}, not ${version}`;
      } else {
        last = `HTTP ${response.status}: ${text.slice(0, 160)}`;
      }
    } catch (error) {
      if (signal.aborted) throw new StackctlError("INTERRUPTED", {}, { cause: error });
      last = (error as { cause?: { code?: string } }).cause?.code ?? (error as Error).message;
    }
    if (clock.now() >= deadline) throw new StackctlError("API_NOT_SERVING", { url, detail: last });
    await clock.sleep(300, signal);
  }
}

/** `verifyThroughApi` as a shell loop: polls until `GET /` names the version just deployed. */
export function verifyCommands(url: string, version: string): string[] {
  return [
    `until ${shellLine("curl", "-fsS", url)} | ${shellLine("grep", "-q", `"version":"${version}"`)}; do sleep 1; done`,
  ];
}

/** `--dry-run`: the check that the stable URL answers the new version. */
export function planVerify(ctx: EngineContext, url: string, version: string): PlannedStep {
  return planStep(
    ctx,
    { step: "api.verify", action: "check", target: `${url} answers version ${version}` },
    verifyCommands(url, version),
  );
}
