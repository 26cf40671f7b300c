import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Docker from "dockerode";
import { afterAll, describe, expect, it } from "vitest";
import { freePort } from "../../support/free-port.ts";
import { choiceBlock, runbookBlocks, runbookScript } from "../../support/runbook.ts";
import { repoRoot } from "../../support/test-env.ts";
import { newTestRun } from "../../support/test-labels.ts";
import { detectTier, requireE2e } from "../../support/tiers.ts";

// RUNBOOK.md on the default choice, the managed LocalStack: its plain `unset STACKCTL_ENDPOINT`
// block, then every `sh runbook` block, with no endpoint forced from outside. stackctl starts
// LocalStack through docker compose (the harness's Compose plugin and LocalStack stand-in image, as
// in compose.e2e.test.ts) on a port of the test's own (a config file's `emulator.port`; the
// harness's ministack holds 4566), and the walkthrough's `down` stops it again.
const file = "test/e2e/managed/runbook.e2e.test.ts";
const tier = await detectTier({ docker: true, emulator: false }, file);
const dockerConfig = process.env.STACKCTL_TEST_DOCKER_CONFIG;
const image = process.env.STACKCTL_TEST_EMULATOR_IMAGE;
const missing =
  dockerConfig === undefined ||
  image === undefined ||
  !existsSync(join(dockerConfig, "cli-plugins/docker-compose"))
    ? "no Compose plugin or LocalStack stand-in from `npm run test-env:up` (STACKCTL_TEST_DOCKER_CONFIG, STACKCTL_TEST_EMULATOR_IMAGE)"
    : undefined;
if (tier.skipReason === undefined && missing !== undefined) {
  if (requireE2e) throw new Error(`STACKCTL_REQUIRE_E2E=1 but ${file} cannot run: ${missing}`);
  console.warn(`\n*** SKIPPING ${file}: ${missing} ***\n`);
}

describe.skipIf(tier.skipReason !== undefined || missing !== undefined)(
  "RUNBOOK.md on the managed LocalStack",
  () => {
    const run = newTestRun("runbook-managed");
    const stack = `rbm-${run.id}`;
    const docker = new Docker();
    let workDir = "";

    afterAll(async () => {
      // Whatever a failed step left: the stack's containers, then the compose project.
      for (const info of await docker.listContainers({
        all: true,
        filters: { label: [`dev.stackctl.stack=${stack}`] },
      }))
        await docker
          .getContainer(info.Id)
          .remove({ force: true })
          .catch(() => undefined);
      spawnSync(
        "docker",
        ["compose", "-f", `${repoRoot}docker-compose.yml`, "-p", `stackctl-${stack}`, "down"],
        {
          env: { ...process.env, DOCKER_CONFIG: dockerConfig, STACKCTL_STACK: stack },
          timeout: 60_000,
        },
      );
      if (workDir !== "") await rm(workDir, { recursive: true, force: true });
    });

    it("runs from start to finish with `unset STACKCTL_ENDPOINT`: stackctl starts LocalStack, and down stops it", async () => {
      workDir = await mkdtemp(join(tmpdir(), "stackctl-runbook-managed-"));
      const port = await freePort();
      const config = join(workDir, "stackctl.config.json");
      await writeFile(config, JSON.stringify({ emulator: { port } }));
      const blocks = runbookBlocks();
      const script = runbookScript(blocks, { first: choiceBlock(blocks, /^unset STACKCTL_ENDPOINT$/m).body });
      // The harness's emulators are not this one. STACKCTL_ENDPOINT names a port nothing answers on:
      // the walkthrough passes only because its block unsets it.
      const {
        AWS_ENDPOINT_URL: _aws,
        STACKCTL_CONTAINER_ENDPOINT: _container,
        STACKCTL_REGISTRY: _registry,
        ...env
      } = process.env;
      const result = spawnSync("bash", ["-c", script], {
        cwd: repoRoot,
        encoding: "utf8",
        timeout: 420_000,
        env: {
          ...env,
          CI: "1",
          STACKCTL_ENDPOINT: "http://127.0.0.1:9",
          DOCKER_CONFIG: dockerConfig,
          STACKCTL_EMULATOR_IMAGE: image,
          STACKCTL_CONFIG: config,
          STACKCTL_STATE_DIR: join(workDir, "state"),
          STACKCTL_STACK: stack,
        },
      });
      const transcript = `${result.stdout}\n${result.stderr}`;
      expect(result.status, transcript).toBe(0);
      expect(transcript).toContain("the bytes came back unchanged");
      expect(transcript).toContain("sample.txt came back as it is, with curl's default Accept");
      expect(transcript).toContain('"code":"item_not_found"');
      expect(transcript).toContain('"name":"Blue widget"');
      // The API URL is the managed LocalStack's, on the configured port.
      expect(transcript).toMatch(new RegExp(`the API URL is http://localhost:${port}/_aws/execute-api/`));
      const left = await docker.listContainers({ filters: { label: [`dev.stackctl.emulator=${stack}`] } });
      expect(left, "the managed LocalStack still runs after the walkthrough's down").toEqual([]);
    }, 450_000);
  },
);
