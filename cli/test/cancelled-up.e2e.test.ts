import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { detectTier } from "../../test/support/tiers.ts";
import { emulatorClients } from "./support/emulator-clients.ts";
import { expectInterrupted } from "./support/interrupted.ts";
import { expectNothingLeft } from "./support/nothing-left.ts";
import { harnessImages, realBin } from "./support/real-bin.ts";

// A CI job cancelled mid-deploy: the runner sends SIGTERM to `stackctl up`. The real bin stops
// between steps through Ctrl-C's abort path (exit 143, INTERRUPTED, ledger whole, lock released),
// and the always() step's `down --purge` then removes everything: nothing labelled or tagged with
// the stack, no table, no bucket (docs/ci.md).
const tier = await detectTier({ docker: true, emulator: true }, import.meta.url);

// Where each mode is mid-deploy: its compute exists, or is being created, when the signal lands.
const killAt = { container: "deploy.container", lambda: "lambda.warm-up" } as const;

// The cases run at the same time: each has its own cwd, stack and real processes.
describe.skipIf(tier.skipReason !== undefined)(
  "SIGTERM mid-up, then down --purge",
  { concurrent: true },
  () => {
    const clients = emulatorClients(tier.env.endpoint);
    const dirs: string[] = [];
    afterAll(async () => {
      await clients.destroy();
      await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
    });

    for (const [mode, step] of Object.entries(killAt)) {
      it(`${mode}: SIGTERM at ${step} exits 143, then down --purge leaves nothing`, async () => {
        const cwd = await mkdtemp(path.join(os.tmpdir(), "stackctl-sigterm-"));
        dirs.push(cwd);
        const stack = `e2e-term-${mode}-${randomBytes(3).toString("hex")}`;
        const env = {
          STACKCTL_ENDPOINT: tier.env.endpoint,
          STACKCTL_STACK: stack,
          ...harnessImages(),
        };
        const bin = realBin(cwd, env);
        // No SIGKILL after execa's default 5 s: the test measures how long the orderly stop takes.
        const up = realBin(cwd, env, { forceKillAfterDelay: false })("up", "--mode", mode, "--json");
        let signalled = false;
        let signalledAt = 0;
        up.stdout?.on("data", (chunk: Buffer) => {
          if (!signalled && chunk.toString().includes(`"step":"${step}","status":"start"`)) {
            signalled = true;
            signalledAt = performance.now();
            up.kill("SIGTERM");
          }
        });
        const cancelled = await up;
        const stopMs = Math.round(performance.now() - signalledAt);
        process.stderr.write(
          `[cancelled-up] ${mode}: SIGTERM at ${step} → exit ${cancelled.exitCode} in ${stopMs} ms\n`,
        );
        try {
          const ledger = await expectInterrupted(cancelled, { signalled, cwd, stack });
          // It got far enough to leave something for down to remove.
          expect(ledger.resources.length).toBeGreaterThan(0);
        } finally {
          const down = await bin("down", "--purge", "--json");
          expect(down.exitCode, String(down.stdout)).toBe(0);
        }
        await expectNothingLeft(tier.env.endpoint, clients, stack);
      });
    }
    it("SIGTERM during down --purge exits 143 with the lock released and a ledger that reads; the next down --purge finishes", async () => {
      const cwd = await mkdtemp(path.join(os.tmpdir(), "stackctl-sigterm-down-"));
      dirs.push(cwd);
      const stack = `e2e-term-down-${randomBytes(3).toString("hex")}`;
      const env = { STACKCTL_ENDPOINT: tier.env.endpoint, STACKCTL_STACK: stack, ...harnessImages() };
      const bin = realBin(cwd, env);
      const up = await bin("up", "--mode", "container", "--json");
      expect(up.exitCode, String(up.stdout)).toBe(0);
      const down = realBin(cwd, env, { forceKillAfterDelay: false })("down", "--purge", "--json");
      let signalled = false;
      down.stdout?.on("data", (chunk: Buffer) => {
        if (!signalled && /"step":"remove\.[a-z.-]+","status":"start"/.test(chunk.toString())) {
          signalled = true;
          down.kill("SIGTERM");
        }
      });
      const cancelled = await down;
      try {
        // What is left is still recorded: the ledger reads (expectInterrupted parses it).
        await expectInterrupted(cancelled, { signalled, cwd, stack });
      } finally {
        const again = await bin("down", "--purge", "--json");
        expect(again.exitCode, String(again.stdout)).toBe(0);
      }
      await expectNothingLeft(tier.env.endpoint, clients, stack);
    });
  },
);
