import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { repoRoot } from "../support/test-env.ts";
import { detectTier } from "../support/tiers.ts";

// The CLI's own answer about each emulator profile: LocalStack community has neither ECR nor
// image functions (lambda mode then packages as zip), ministack has both (docs/emulators.md).
const tier = await detectTier({ docker: true, emulator: true }, "test/e2e/profile-capabilities.e2e.test.ts");

const expected: Record<string, RegExp> = {
  localstack: /^localstack 4\.14\.0 \(community\) at .*; ecr no, image lambdas no$/,
  ministack: /^ministack \S+ \(light\) at .*; ecr yes, image lambdas yes$/,
};

describe.skipIf(tier.skipReason !== undefined)(`stackctl doctor [${tier.profile}]`, () => {
  it("reports the emulator's kind, edition and capabilities as its profile says", () => {
    const result = spawnSync(
      "node",
      ["cli/bin/stackctl.js", "doctor", "--json", "--endpoint", tier.env.endpoint],
      {
        cwd: repoRoot,
        encoding: "utf8",
        timeout: 60_000,
        env: { ...process.env, CI: "1" },
      },
    );
    const lines = result.stdout.trim().split("\n");
    const outcome = JSON.parse(lines.at(-1) ?? "{}") as {
      data?: { checks?: { name: string; verdict: string; detail: string }[] };
    };
    const emulator = outcome.data?.checks?.find((check) => check.name === "emulator");
    expect(emulator?.verdict, result.stdout + result.stderr).toBe("pass");
    const pattern = expected[tier.profile];
    if (pattern === undefined) throw new Error(`no expectation for profile ${tier.profile}`);
    expect(emulator?.detail).toMatch(pattern);
  });
});
