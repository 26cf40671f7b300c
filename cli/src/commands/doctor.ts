import { StackctlError } from "../errors.ts";
import type { CommandDefinition } from "./command.ts";

const eventStatus = { pass: "done", warn: "warn", fail: "fail" } as const;

export const doctorCommand: CommandDefinition = {
  name: "doctor",
  description: "check Node, Docker, compose, the emulator, ports and the auth token; print fixes",
  options: [],
  async run({ ctx, deps }) {
    const { doctor } = await import("../engine/doctor.ts");
    const checks = await doctor(ctx, deps);
    for (const check of checks) {
      const fix = check.fix === "" ? "" : `  → ${check.fix}`;
      ctx.emit({
        step: `doctor.${check.name.replace(/\s+/g, "-")}`,
        status: eventStatus[check.verdict],
        message: `${check.detail}${fix}`,
      });
    }
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
      data: { stack: ctx.config.stack, checks },
      summary: [
        "",
        warnings === 0 ? "All checks passed." : `All required checks passed (${warnings} warning(s)).`,
      ],
    };
  },
};
