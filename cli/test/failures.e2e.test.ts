import { readdir, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { detectTier } from "../../test/support/tiers.ts";
import { readLedger } from "../src/engine/state/ledger.ts";
import { acquireStackLock } from "../src/engine/state/lock.ts";
import { findResource } from "../src/engine/state/resources.ts";
import { main } from "../src/main.ts";
import { bufferStream, runCli } from "./support/capture-io.ts";
import { e2eSuite } from "./support/e2e-stacks.ts";
import { tableExists } from "./support/emulator-clients.ts";
import { freePort } from "./support/fakes.ts";
import { lambdaDeployChanges } from "./support/lambda-stack.ts";
import { parseNdJson } from "./support/nd-json.ts";

const tier = await detectTier({ docker: false, emulator: true }, import.meta.url);

describe.skipIf(tier.skipReason !== undefined)("stackctl failures: exit codes, lock, Ctrl-C", () => {
  const endpoint = tier.env.endpoint;
  const { stacks, clients } = e2eSuite(endpoint);
  const { env, dirs } = stacks;
  const newStack = stacks.create;

  it("exits 3 with the URL and a next step when the emulator is unreachable", async () => {
    const unreachable = `http://127.0.0.1:${await freePort()}`;
    const run = await runCli(["up", "--endpoint", unreachable], { env, cwd: await dirs.make() });
    expect(run.code).toBe(3);
    expect(run.stderr).toContain(`No AWS emulator answered at ${unreachable} (ECONNREFUSED).`);
    expect(run.stderr).toContain("→ Start one");
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it("exits 2 on a bad config file and on an unknown mode, creating nothing", async () => {
    const { cli, cwd, table } = await newStack("usage");
    await writeFile(path.join(cwd, "stackctl.config.json"), JSON.stringify({ region: "moon-1" }));
    const badConfig = await cli("up", "--json");
    expect(badConfig.code).toBe(2);
    expect(parseNdJson(badConfig.stdout)).toMatchObject({ ok: false, error: { code: "CONFIG_INVALID" } });
    const badMode = await cli("up", "--mode", "k8s", "--region", "us-east-1");
    expect(badMode.code).toBe(2);
    expect(await tableExists(clients, table)).toBe(false);
    // The cleanup's `down --purge` must read a valid config (a failing cleanup fails the test).
    await rm(path.join(cwd, "stackctl.config.json"));
  });

  it("seed before up says which resource is missing and to run up (exit 1)", async () => {
    const { cli, stack } = await newStack("noup");
    const run = await cli("seed", "--json");
    expect(run.code).toBe(1);
    expect(parseNdJson(run.stdout)).toMatchObject({
      ok: false,
      error: { code: "STACK_NOT_UP", hint: `Run \`stackctl up --stack ${stack}\` first.` },
    });
  });

  it("refuses a second up on a locked stack and names the holder (exit 1)", async () => {
    const { cli, cwd, stack } = await newStack("locked");
    const lock = await acquireStackLock(path.join(cwd, ".stackctl"), stack, { command: "up" });
    try {
      const run = await cli("up", "--json");
      expect(run.code).toBe(1);
      expect(parseNdJson(run.stdout)).toMatchObject({
        ok: false,
        error: { code: "STACK_LOCKED", retryable: true },
      });
      expect(run.stdout).toContain(`pid ${process.pid}`);
    } finally {
      await lock.release();
    }
  });

  it("Ctrl-C mid-up exits 130, keeps the ledger consistent, frees the lock; the next up finishes", async () => {
    const { cli, cwd, stack, table } = await newStack("sigint");
    const controller = new AbortController();
    const out = bufferStream();
    // Interrupt exactly when the bucket step starts: the table exists by then, the bucket does not.
    const stdout = {
      write: (chunk: string) => {
        out.stream.write(chunk);
        if (chunk.includes('"step":"provision.bucket","status":"start"')) controller.abort();
      },
    };
    const code = await main(["up", "--json", "--stack", stack], {
      stdout,
      stderr: bufferStream().stream,
      env,
      cwd,
      signal: controller.signal,
    });
    expect(code).toBe(130);
    expect(parseNdJson(out.chunks.join(""))).toMatchObject({ ok: false, error: { code: "INTERRUPTED" } });
    const stateDir = path.join(cwd, ".stackctl");
    const ledger = await readLedger(stateDir, stack);
    expect(ledger && findResource(ledger, "table")).toMatchObject({ name: table, ownedByStackctl: true });
    expect(ledger && findResource(ledger, "bucket")).toBeUndefined();
    expect(await readdir(path.join(stateDir, stack))).toEqual(["state.json"]);

    const resumed = await cli("up", "--json");
    expect(parseNdJson(resumed.stdout)).toMatchObject({
      ok: true,
      data: {
        changes: {
          created: [`bucket ${stack}-files`, "5 items", "2 files", ...lambdaDeployChanges(stack)],
          unchanged: [`table ${table}`],
        },
      },
    });
  });
});
