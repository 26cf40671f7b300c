import { readFile } from "node:fs/promises";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { detectTier } from "../../test/support/tiers.ts";
import { e2eStacks } from "./support/e2e-stacks.ts";
import { okData, parseNdJson } from "./support/nd-json.ts";
import { harnessImages, realBin } from "./support/real-bin.ts";

// Two real stackctl processes on one stack: the second `up` starts while the first holds the lock,
// gets STACK_LOCKED (exit 1) naming the holder, and neither corrupts the ledger.
const tier = await detectTier({ docker: true, emulator: true }, import.meta.url);

describe.skipIf(tier.skipReason !== undefined)("two processes on one stack", () => {
  const stacks = e2eStacks(tier.env.endpoint);
  afterEach(() => stacks.cleanup());

  it("the second up gets STACK_LOCKED while the first runs; the first finishes and the ledger is sound", async () => {
    const { cli, cwd, stack } = await stacks.create("two");
    const bin = realBin(cwd, { ...stacks.env, ...harnessImages() });
    const first = bin("up", "--mode", "container", "--stack", stack, "--json");
    // Start the second once the first is past its lock and into provisioning.
    const started = new Promise<void>((resolve) => {
      first.stdout?.on("data", (chunk: Buffer) => {
        if (chunk.toString().includes('"step":"provision.table","status":"start"')) resolve();
      });
    });
    await Promise.race([started, first]);
    const second = await bin("up", "--mode", "container", "--stack", stack, "--json");
    const done = await first;

    expect(done.exitCode, String(done.stdout) + String(done.stderr)).toBe(0);
    expect(second.exitCode, String(second.stdout)).toBe(1);
    expect(parseNdJson(String(second.stdout))).toMatchObject({
      ok: false,
      error: { code: "STACK_LOCKED", retryable: true, message: expect.stringContaining(`pid ${first.pid}`) },
    });

    // The ledger is the first run's, whole, and the stack answers.
    const ledger = JSON.parse(await readFile(path.join(cwd, ".stackctl", stack, "state.json"), "utf8"));
    expect(ledger).toMatchObject({ stack });
    const status = await cli("status", "--json");
    expect(status.code, status.stdout).toBe(0);
    expect(okData<{ mode: string }>(status.stdout)).toMatchObject({ mode: "container" });
    const up = okData<{ apiUrl: string }>(String(done.stdout));
    expect((await fetch(up.apiUrl)).status).toBe(200);
  });
});
