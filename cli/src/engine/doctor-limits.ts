import type { Check } from "./doctor-check.ts";
import type { EmulatorInfo } from "./emulator/probe.ts";
import { modeNames } from "./modes/table.ts";
import { profileFor } from "./profile/emulator-profile.ts";
import { limitationsFor } from "./profile/limitations.ts";

/** `doctor`: per mode, where this emulator's API Gateway differs from AWS and what to do instead. */
export function limitationChecks(info: EmulatorInfo): Check[] {
  const profile = profileFor(info);
  return modeNames().map((mode) => {
    const limits = limitationsFor(profile, mode);
    const name = `${mode} mode`;
    if (limits.length === 0)
      return {
        name,
        verdict: "pass",
        detail: "the API URL behaves as on AWS (as far as stackctl knows)",
        fix: "",
      };
    return {
      name,
      verdict: "warn",
      detail: `through the API URL: ${limits.map((limit) => limit.summary).join("; ")}`,
      fix: limits.map((limit) => limit.instead).join("; "),
    };
  });
}
