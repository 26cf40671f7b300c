import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { repoRoot } from "../support/test-env.ts";
import { newTestRun } from "../support/test-labels.ts";
import { detectTier } from "../support/tiers.ts";

// RUNBOOK.md's `sh runbook` blocks, run in order as one script against the test emulator, so the
// onboarding walkthrough cannot rot. `npm ci` is left out: the suite already runs inside that install.
const tier = await detectTier({ docker: true, emulator: true }, "test/e2e/runbook.e2e.test.ts");
const run = newTestRun("runbook");
const stateDir = await mkdtemp(join(tmpdir(), "stackctl-runbook-"));

export function runbookScript(markdown: string): string {
  const blocks = [...markdown.matchAll(/```sh runbook\n([\s\S]*?)```/g)].map((match) => match[1] ?? "");
  const body = blocks.join("\n").replace(/^npm ci\b.*$/gm, ": npm ci is done by the test run itself");
  return `set -euo pipefail\n${body}`;
}

afterAll(() => rm(stateDir, { recursive: true, force: true }));

describe.skipIf(tier.skipReason !== undefined)("RUNBOOK.md", () => {
  it("has runnable blocks for every step of the walkthrough", () => {
    const script = runbookScript(readFileSync(join(repoRoot, "RUNBOOK.md"), "utf8"));
    for (const step of [
      "stackctl up",
      "stackctl status",
      "stackctl switch",
      "stackctl seed",
      "stackctl down",
      "curl",
    ]) {
      expect(script).toContain(step);
    }
  });

  it("runs from start to finish against the emulator", async () => {
    const script = runbookScript(readFileSync(join(repoRoot, "RUNBOOK.md"), "utf8"));
    const result = spawnSync("bash", ["-c", script], {
      cwd: repoRoot,
      encoding: "utf8",
      timeout: 240_000,
      env: {
        ...process.env,
        CI: "1",
        STACKCTL_ENDPOINT: tier.env.endpoint,
        STACKCTL_STACK: `rb-${run.id}`,
        STACKCTL_STATE_DIR: stateDir,
      },
    });
    const transcript = `${result.stdout}\n${result.stderr}`;
    expect(result.status, transcript).toBe(0);
    expect(transcript).toContain("the bytes came back unchanged");
    expect(transcript).toContain('"code":"item_not_found"');
    expect(transcript).toContain('"name":"Blue widget"');
  }, 300_000);
});
