import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { execa } from "execa";
import { afterAll, describe, expect, it } from "vitest";

const worker = fileURLToPath(new URL("./support/lock-worker.ts", import.meta.url));
const dirs: string[] = [];
afterAll(() => Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true }))));

describe("the stack lock under two real processes reclaiming stale locks", () => {
  it("never has two holders in 500 reclaims (bounded: each process stops after 90 s)", async () => {
    const stateDir = await mkdtemp(path.join(os.tmpdir(), "stackctl-lock-race-"));
    dirs.push(stateDir);
    const exited = execa("node", ["-e", ""]);
    await exited;
    const dead = { pid: exited.pid };
    const run = () =>
      execa("node", ["--import", "tsx", worker, stateDir, "race", "250", String(dead.pid)], {
        cwd: path.dirname(worker),
      });
    const results = (await Promise.all([run(), run()])).map(
      (result) => JSON.parse(result.stdout) as { taken: number; overlaps: number },
    );
    const taken = results.reduce((sum, result) => sum + result.taken, 0);
    const overlaps = results.reduce((sum, result) => sum + result.overlaps, 0);
    console.log(JSON.stringify({ bench: "lock-race", taken, overlaps }));
    expect(taken).toBe(500);
    expect(overlaps).toBe(0);
  }, 120_000);
});
