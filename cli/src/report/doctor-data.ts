import type { StackctlConfig } from "../config/schema.ts";
import type { DoctorOutcome } from "../engine/doctor.ts";
import type { DoctorData } from "./schemas/doctor.ts";
import type { CommandOutput } from "./types.ts";

/** The `doctor` result of a run whose required checks passed (a failed one ends in an error). */
export function doctorOutput(outcome: DoctorOutcome, config: StackctlConfig): CommandOutput<DoctorData> {
  const { checks, warnings } = outcome;
  return {
    data: { stack: config.stack, checks },
    summary: [
      "",
      warnings === 0 ? "All checks passed." : `All required checks passed (${warnings} warning(s)).`,
    ],
  };
}
