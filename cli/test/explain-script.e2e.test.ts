import { spawn, spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { homedir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { repoRoot } from "../../test/support/test-env.ts";
import { detectTier, requireE2e } from "../../test/support/tiers.ts";
import { e2eSuite } from "./support/e2e-stacks.ts";
import { parseNdJson } from "./support/nd-json.ts";

const tier = await detectTier({ docker: true, emulator: true }, import.meta.url);

/**
 * The AWS CLI of the harness (scripts/test-env/awscli.sh): named in .test-env, or at the path that
 * script installs it to (a harness started before it existed).
 */
function awsCli(): string | undefined {
  const named = process.env.STACKCTL_TEST_AWSCLI;
  if (named !== undefined && existsSync(named)) return named;
  const versions = readFileSync(path.join(repoRoot, "scripts/test-env/versions.env"), "utf8");
  const version = /^AWSCLI_VERSION=(.+)$/m.exec(versions)?.[1]?.trim();
  const home = process.env.STACKCTL_TEST_ENV_HOME ?? path.join(homedir(), ".cache/stackctl-test-env");
  const known = path.join(home, `awscli-${version ?? ""}`, "bin/aws");
  return existsSync(known) ? known : undefined;
}

const aws = awsCli();
if (aws === undefined && tier.skipReason === undefined) {
  if (requireE2e) throw new Error("no AWS CLI from scripts/test-env/awscli.sh (STACKCTL_REQUIRE_E2E=1)");
  process.stderr.write(
    "*** SKIPPING the --explain script test: no AWS CLI (npm run test-env:up installs it) ***\n",
  );
}

function runScript(
  script: string,
  cwd: string,
  env: Record<string, string>,
): Promise<{ code: number; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn("sh", ["-c", script], { cwd, env: { ...process.env, ...env } });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code: code ?? 1, output }));
  });
}

describe.skipIf(tier.skipReason !== undefined || aws === undefined)(
  "the --explain output of an up is a script a learner can run",
  () => {
    const { stacks } = e2eSuite(tier.env.endpoint);

    it("container mode, fresh stack: its explained commands, run with the AWS CLI and docker, serve the service", async () => {
      const { cli, cwd, stack } = await stacks.create("explain");
      const up = await cli("up", "--mode", "container", "--explain", "--json");
      expect(up.code, up.stdout + up.stderr).toBe(0);
      const result = parseNdJson(up.stdout);
      const apiUrl = result.ok ? String(result.data.apiUrl) : "";
      const explained = up.lines().filter((line) => line.status === "explain");
      const steps = explained.map((line) => String(line.step));
      for (const step of [
        "provision.table",
        "provision.bucket",
        "image.bundle",
        "image.container",
        "deploy.container",
        "api",
        "api.verify",
        "smoke",
      ])
        expect(steps).toContain(step);
      const commands = explained.flatMap((line) => line.commands as string[]);

      // down --dry-run --explain: each removal planned with its command, from the ledger (here) and
      // by labels and tags (after the script, below); nothing removed.
      const checkDownPlan = async () => {
        const plan = await cli("down", "--purge", "--dry-run", "--explain", "--json");
        expect(plan.code, plan.stdout).toBe(0);
        const lines = plan.lines();
        const removals = lines.filter((line) => line.status === "plan" && line.action === "delete");
        const explainedSteps = new Set(
          lines.filter((line) => line.status === "explain").map((line) => String(line.step)),
        );
        for (const removal of removals)
          expect(explainedSteps, `${String(removal.target)} has no command`).toContain(String(removal.step));
        const shown = lines.flatMap((line) => (line.commands as string[] | undefined) ?? []);
        for (const line of shown) expect(spawnSync("sh", ["-n", "-c", line]).status, line).toBe(0);
        const all = shown.join("\n");
        // By name from the ledger, by the stack label in the sweep once the ledger is gone.
        expect(
          shown.some((line) => line.includes("docker rm -f") && line.includes(stack)),
          all,
        ).toBe(true);
        expect(all).toMatch(/apigateway delete-rest-api --rest-api-id [0-9a-f]{10}/);
        expect(all).toContain(`dynamodb delete-table --table-name ${stack}-inventory`);
        return removals.length;
      };
      expect(await checkDownPlan()).toBeGreaterThan(3);
      expect((await fetch(apiUrl)).status, "a dry run removed nothing").toBe(200);

      // Everything stackctl made goes; the script then makes it again, by itself, under the same names.
      expect((await cli("down", "--purge")).code).toBe(0);
      const endpoint = tier.env.endpoint;
      const script = [
        "set -e",
        `awslocal() { "$AWS" --endpoint-url ${endpoint} "$@"; }`,
        `aws() { "$AWS" "$@"; }`,
        ...commands,
        'echo "API_URL=$API_URL"',
      ].join("\n");
      const ran = await runScript(script, cwd, {
        AWS: aws ?? "",
        AWS_ACCESS_KEY_ID: "test",
        AWS_SECRET_ACCESS_KEY: "test",
        AWS_DEFAULT_REGION: "us-east-1",
        AWS_PAGER: "",
      });
      expect(ran.code, `${script}\n---\n${ran.output}`).toBe(0);
      const url = /API_URL=(\S+)/.exec(ran.output)?.[1];
      expect(url).toBe(apiUrl);
      const health = await fetch(url ?? "");
      expect(health.status).toBe(200);
      expect(await health.json()).toMatchObject({ status: "ok", mode: "container" });
      const item = await fetch(`${url}inventory/SKU-1`);
      expect(item.status, "the seeded item through the script's API").toBe(200);

      // stackctl finds what the script made by its labels and tags: status sees it, down removes it.
      expect(await checkDownPlan()).toBeGreaterThan(3);
      const status = await cli("status", "--json");
      expect(status.stdout).toContain(stack);
    }, 300_000);
  },
);
