import type { CommandOutput } from "../commands/command.ts";
import type { StackctlConfig } from "../config/schema.ts";
import type { Check } from "../engine/doctor.ts";
import type { EngineEvent } from "../engine/events.ts";
import { StackctlError } from "../errors.ts";

const eventStatus = { pass: "done", warn: "warn", fail: "fail" } as const;

/** One progress event per check, with its fix. */
export function checkEvent(check: Check): EngineEvent {
  const fix = check.fix === "" ? "" : `  → ${check.fix}`;
  return {
    step: `doctor.${check.name.replace(/\s+/g, "-")}`,
    status: eventStatus[check.verdict],
    message: `${check.detail}${fix}`,
  };
}

/** The `doctor` result, or ENVIRONMENT_CHECKS_FAILED listing each failing check's fix. */
export function doctorOutput(checks: Check[], config: StackctlConfig): CommandOutput {
  const failed = checks.filter((check) => check.verdict === "fail");
  if (failed.length > 0) {
    throw new StackctlError(
      "ENVIRONMENT_CHECKS_FAILED",
      { count: failed.length },
      { details: failed.map((check) => `${check.name}: ${check.fix}`) },
    );
  }
  const warnings = checks.filter((check) => check.verdict === "warn").length;
  return {
    data: { stack: config.stack, checks },
    summary: [
      "",
      warnings === 0 ? "All checks passed." : `All required checks passed (${warnings} warning(s)).`,
    ],
  };
}
