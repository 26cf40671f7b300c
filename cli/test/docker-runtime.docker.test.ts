import { randomBytes } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { parseTestEnvFile, testEnvFileFor } from "../../test/support/test-env.ts";
import { detectTier } from "../../test/support/tiers.ts";
import { createDockerRuntime } from "../src/adapters/docker-runtime.ts";
import type { ManagedEmulatorSpec } from "../src/engine/ports.ts";
import { baseImageReady } from "./support/base-image.ts";
import { testContainers } from "./support/test-containers.ts";

const tier = await detectTier({ docker: true, emulator: false }, import.meta.url);
const runtime = createDockerRuntime({ dockerHost: process.env.DOCKER_HOST, childEnv: process.env });
const imageReady = await baseImageReady(tier, import.meta.url);

describe.skipIf(tier.skipReason !== undefined)("the Docker runtime adapter against the real engine", () => {
  const project = `stackctl-test-${randomBytes(3).toString("hex")}`;
  const target: ManagedEmulatorSpec = { file: "unused", project, service: "localstack", env: {} };
  const containers = testContainers();
  afterAll(() => containers.removeAll());

  it("reports the engine as up with its version", async () => {
    expect(await runtime.docker()).toMatchObject({ state: "up", version: expect.stringMatching(/^\d+\./) });
  });

  it("says an image is absent and a compose project has no container", async () => {
    expect(await runtime.imagePresent("stackctl-test/no-such-image:0")).toBe(false);
    expect(await runtime.container(target)).toBeUndefined();
  });

  // The harness installs the Compose v2 plugin (scripts/test-env/compose.sh): where it ran (CI, with
  // STACKCTL_REQUIRE_E2E=1) compose must be found with its version. On a machine of one's own it may be
  // absent; the answer is then one line (composeProblem's wording is unit-tested in docker-runtime.test.ts).
  if (process.env.STACKCTL_REQUIRE_E2E === "1")
    it("finds the harness's Compose v2 plugin with its version", async () => {
      // The plugin sits in the harness's own docker config folder, named in the managed path's env
      // file (STACKCTL_TEST_DOCKER_CONFIG); the compose probe reads DOCKER_CONFIG as docker does.
      const dockerConfig =
        process.env.STACKCTL_TEST_DOCKER_CONFIG ??
        parseTestEnvFile(testEnvFileFor("localstack")).STACKCTL_TEST_DOCKER_CONFIG;
      expect(dockerConfig, "STACKCTL_TEST_DOCKER_CONFIG from test-env:up").toEqual(expect.any(String));
      process.env.DOCKER_CONFIG = dockerConfig;
      const withPlugin = createDockerRuntime({ dockerHost: process.env.DOCKER_HOST, childEnv: process.env });
      expect(await withPlugin.compose()).toMatchObject({
        ok: true,
        version: expect.stringMatching(/^v?2\.\d+/),
      });
    });
  else
    it("answers whether compose exists in one line either way", async () => {
      const compose = await runtime.compose();
      if (compose.ok) expect(compose.version).toMatch(/^v?\d+\./);
      else expect(compose.detail).not.toContain("\n");
    });

  it.skipIf(!imageReady)("finds the project's exited container with its exit code and log tail", async () => {
    const script = "console.log('emulator starting'); console.error('fatal: no auth token'); process.exit(3)";
    const { container } = await containers.start({
      Image: tier.env.baseImage,
      Cmd: ["node", "-e", script],
      Labels: { "com.docker.compose.project": project, "com.docker.compose.service": "localstack" },
    });
    await container.wait();
    expect(await runtime.container(target)).toMatchObject({ id: container.id, running: false, exitCode: 3 });
    // The engine's log driver may still be flushing right after the exit; give it a moment.
    let tail: string[] = [];
    for (let attempt = 0; attempt < 20 && tail.length < 2; attempt += 1) {
      tail = await runtime.logTail(container.id, 20);
      if (tail.length < 2) await new Promise((resolve) => setTimeout(resolve, 250));
    }
    // stdout and stderr are separate streams, so their relative order in the log is not fixed.
    expect([...tail].sort()).toEqual(["emulator starting", "fatal: no auth token"]);
  });
});
