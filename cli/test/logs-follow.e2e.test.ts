import { randomBytes } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import { afterEach, describe, expect, it } from "vitest";
import { detectTier } from "../../test/support/tiers.ts";
import { e2eStacks } from "./support/e2e-stacks.ts";
import { lambdaPackageUnderTest } from "./support/lambda-stack.ts";
import { okData } from "./support/nd-json.ts";
import { harnessImages, realBin } from "./support/real-bin.ts";

// `logs -f` end to end, as a user runs it: a line the service logs after `-f` started shows up, and
// Ctrl-C ends it. Container logs in container mode, CloudWatch in Lambda mode.
const tier = await detectTier({ docker: true, emulator: true }, import.meta.url);
const lambdaPackage = lambdaPackageUnderTest();

describe.skipIf(tier.skipReason !== undefined)("logs -f", () => {
  const stacks = e2eStacks(tier.env.endpoint);
  afterEach(() => stacks.cleanup());

  for (const mode of ["container", "lambda"] as const) {
    it(`${mode} mode: a request made after -f started is followed, and Ctrl-C ends it`, async () => {
      const { cwd, stack } = await stacks.create(`follow-${mode}`);
      const bin = realBin(cwd, { ...stacks.env, ...harnessImages() });
      const extra = mode === "lambda" ? ["--package", lambdaPackage] : [];
      const up = await bin("up", "--mode", mode, ...extra, "--stack", stack, "--json");
      expect(up.exitCode, String(up.stdout) + String(up.stderr)).toBe(0);
      const { apiUrl } = okData<{ apiUrl: string }>(String(up.stdout));

      const follow = bin("logs", "-f", "--stack", stack);
      let output = "";
      follow.stdout?.on("data", (chunk: Buffer) => {
        output += chunk.toString();
      });
      // A path no other request has: its request log line proves the follow saw new output.
      const marker = `/inventory/FOLLOW-${randomBytes(4).toString("hex").toUpperCase()}`;
      const deadline = Date.now() + 90_000;
      while (!output.includes(marker) && Date.now() < deadline) {
        await fetch(`${apiUrl}${marker.slice(1)}`).then((answer) => answer.arrayBuffer());
        await sleep(1_000);
      }
      expect(output, "the followed request's log line").toContain(marker);
      follow.kill("SIGINT");
      const ended = await follow;
      expect(ended.exitCode, String(ended.stderr)).toBe(130);
    }, 240_000);
  }
});
