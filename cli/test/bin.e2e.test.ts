import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { execa } from "execa";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { detectTier } from "../../test/support/tiers.ts";
import { lambdaDeployRemovals } from "./support/lambda-stack.ts";
import { parseNdJson } from "./support/nd-json.ts";

const tier = await detectTier({ docker: false, emulator: true }, import.meta.url);
const bin = fileURLToPath(new URL("../bin/stackctl.js", import.meta.url));

describe.skipIf(tier.skipReason !== undefined)("the real stackctl bin (node cli/bin/stackctl.js)", () => {
  const stack = `e2e-bin-${randomBytes(3).toString("hex")}`;
  let home = "";

  // A throwaway cwd and HOME, and only the variables stackctl needs: nothing of the developer's leaks in.
  const stackctl = (...argv: string[]) =>
    execa("node", [bin, ...argv, "--stack", stack], {
      cwd: home,
      reject: false,
      stripFinalNewline: false,
      extendEnv: false,
      env: {
        PATH: process.env.PATH,
        HOME: home,
        STACKCTL_ENDPOINT: tier.env.endpoint,
        // `up` deploys (lambda mode by default): the harness's stand-in base image and registry.
        ...Object.fromEntries(
          ["STACKCTL_LAMBDA_BASE_IMAGE", "STACKCTL_REGISTRY"].flatMap((name) => {
            const value = process.env[name];
            return value === undefined || value === "" ? [] : [[name, value]];
          }),
        ),
      },
    });

  beforeAll(async () => {
    home = await mkdtemp(path.join(os.tmpdir(), "stackctl-home-"));
  });
  afterAll(async () => {
    await stackctl("down", "--purge");
    await rm(home, { recursive: true, force: true });
  });

  it("--help answers within 3 s (see lazy-imports.test.ts for why it stays fast)", async () => {
    const started = performance.now();
    const help = await stackctl("--help");
    expect(help.exitCode).toBe(0);
    expect(help.stdout).toContain("Usage: stackctl");
    expect(performance.now() - started).toBeLessThan(3_000);
  });

  it("up, status and down --purge print valid ND-JSON ending in one result, with documented exit codes", async () => {
    const up = await stackctl("up", "--json");
    expect(up.exitCode, up.stderr).toBe(0);
    expect(up.stderr).toBe("");
    expect(parseNdJson(up.stdout)).toMatchObject({ ok: true, command: "up", data: { stack, changed: true } });

    const status = await stackctl("status", "--json");
    expect(parseNdJson(status.stdout)).toMatchObject({
      ok: true,
      data: { resources: { table: `${stack}-inventory` }, found: { table: { exists: true, count: 5 } } },
    });

    const down = await stackctl("down", "--purge", "--json");
    expect(down.exitCode).toBe(0);
    expect(parseNdJson(down.stdout)).toMatchObject({
      ok: true,
      data: {
        removed: [
          `table ${stack}-inventory`,
          `bucket ${stack}-files`,
          ...lambdaDeployRemovals(stack, { purge: true }),
        ],
      },
    });
  });

  it("exits 2 for an unknown mode through the real process", async () => {
    const run = await stackctl("up", "--mode", "k8s");
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toContain('Unknown mode "k8s" (from --mode).');
  });
});
