import { randomBytes } from "node:crypto";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { stripVTControlCharacters } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { detectTier } from "../../test/support/tiers.ts";
import { modeNames } from "../src/engine/modes/table.ts";
import { envKeys } from "../src/report/ci/env-lines.ts";
import { emulatorClients } from "./support/emulator-clients.ts";
import { expectNothingLeft as expectStackGone } from "./support/nothing-left.ts";
import { harnessImages } from "./support/real-bin.ts";
import { type JobRun, runGithubJob } from "./support/run-workflow.ts";

// The GitHub example (examples/ci/github-actions.yml) executed: its `run:` steps in order, once per
// mode, against the harness (what the runner replaces is listed in support/run-workflow.ts), then
// what a real runner would see: the up step's outputs, the step summary, the suite's result, and
// nothing labelled or tagged with the stack after the always() step. A forced failure (a base image
// that does not exist) shows the ::error annotation, the diagnostics artifact and the same cleanup.
const tier = await detectTier({ docker: true, emulator: true }, import.meta.url);

// The three jobs run at the same time (each has its own workspace, run id and stack): the file was the
// e2e tier's longest, one job after the other (docs/testing.md, "CI time").
describe.skipIf(tier.skipReason !== undefined)(
  "the GitHub Actions example, run step by step",
  { concurrent: true },
  () => {
    const workspaces: string[] = [];
    const clients = emulatorClients(tier.env.endpoint);
    afterAll(async () => {
      await clients.destroy();
      await Promise.all(workspaces.map((dir) => rm(dir, { recursive: true, force: true })));
    });

    async function runJob(mode: string, env: Record<string, string> = {}) {
      const workspace = await mkdtemp(path.join(os.tmpdir(), "stackctl-gha-"));
      workspaces.push(workspace);
      // The test's run id: unique per run of this file, so parallel runs never share a stack.
      const runId = `e2e${randomBytes(3).toString("hex")}`;
      const job = await runGithubJob({
        mode,
        runId,
        workspace,
        extraEnv: {
          STACKCTL_ENDPOINT: tier.env.endpoint,
          STACKCTL_STATE_DIR: path.join(workspace, ".stackctl"),
          ...harnessImages(),
          ...(process.env.STACKCTL_TEST_DOCKER_CONFIG
            ? { DOCKER_CONFIG: process.env.STACKCTL_TEST_DOCKER_CONFIG }
            : {}),
          ...env,
        },
      });
      return { job, stack: `ci-${runId}-${mode}`, workspace };
    }

    const transcript = (job: JobRun) =>
      job.steps
        .map((s) => `--- ${s.name} (ran ${s.ran}, exit ${s.exitCode})\n${s.output.slice(-3000)}`)
        .join("\n");

    const expectNothingLeft = (stack: string) => expectStackGone(tier.env.endpoint, clients, stack);

    for (const mode of modeNames()) {
      it(`${mode}: doctor, up → outputs, the suite against the API URL, summary, down leaves nothing`, async () => {
        const { job, stack } = await runJob(mode);
        const log = transcript(job);
        expect(job.state, log).toBe("success");
        expect(job.step("Install").kind).toBe("replaced");
        for (const name of [
          "Check the environment",
          "up",
          "Integration tests against the stack",
          "Tear the stack down",
        ])
          expect({ name, exit: job.step(name).exitCode }, log).toEqual({ name, exit: 0 });
        for (const name of ["Load the cached LocalStack image", "Collect diagnostics", "Upload diagnostics"])
          expect({ name, ran: job.step(name).ran }).toEqual({ name, ran: false });

        const outputs = job.step("up").outputs;
        const apiUrl = outputs.STACKCTL_API_URL ?? "";
        expect(Object.keys(outputs).sort()).toEqual(envKeys.map(([key]) => key).sort());
        expect(outputs).toMatchObject({
          STACKCTL_STACK: stack,
          STACKCTL_MODE: mode,
          STACKCTL_TABLE: `${stack}-inventory`,
          STACKCTL_BUCKET: `${stack}-files`,
        });
        expect(apiUrl).toMatch(/\/_aws\/execute-api\/[^/]+\/[^/]+\/?$/);
        if (mode === "container")
          expect(outputs.STACKCTL_DIRECT_URL).toMatch(/^http:\/\/(127\.0\.0\.1|localhost):\d+/);
        else expect(outputs.STACKCTL_DIRECT_URL).toBe("");

        // The suite ran against that URL and passed every case.
        const suite = stripVTControlCharacters(job.step("Integration tests against the stack").output);
        expect(suite).toContain(apiUrl);
        const [, passed, total] = /Tests\s+(\d+) passed \((\d+)\)/.exec(suite) ?? [];
        expect(Number(passed), suite.slice(-3000)).toBeGreaterThan(50);
        expect(passed).toBe(total);

        // The step summary a reviewer sees: the URL and the mode of this stack.
        expect(job.summary).toContain(apiUrl);
        expect(job.summary).toContain(mode);
        await expectNothingLeft(stack);
      });
    }

    it("a failing up: ::error annotation, logs and status --json kept as an artifact, down leaves nothing", async () => {
      // The documented way to force a failure here: a base image that exists nowhere.
      const { job, stack, workspace } = await runJob("container", {
        STACKCTL_BASE_IMAGE: "stackctl-test/no-such-base:0",
      });
      const log = transcript(job);
      expect(job.state, log).toBe("failure");
      const up = job.step("up");
      expect(up.exitCode, log).not.toBe(0);
      expect(up.output).toMatch(/^::error title=BASE_IMAGE_UNAVAILABLE::/m);
      expect(job.step("Integration tests against the stack").ran).toBe(false);
      expect(job.step("Collect diagnostics").exitCode, log).toBe(0);
      expect(job.step("Upload diagnostics").uploaded?.sort()).toEqual([
        "logs.txt",
        "status.json",
        "status.stderr.txt",
      ]);
      const status = JSON.parse(
        (await readFile(path.join(workspace, "stackctl-artifacts/status.json"), "utf8"))
          .trim()
          .split("\n")
          .at(-1) ?? "",
      ) as { command: string; data?: { stack?: string } };
      expect(status.command).toBe("status");
      expect(JSON.stringify(status)).toContain(stack);
      expect(job.summary).toContain("BASE_IMAGE_UNAVAILABLE");
      expect(job.step("Tear the stack down").exitCode, log).toBe(0);
      await expectNothingLeft(stack);
    });
  },
);
