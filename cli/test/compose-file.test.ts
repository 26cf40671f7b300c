import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { composeCommand, composeTargetFor } from "../src/engine/emulator/compose-target.ts";
import {
  composeFile,
  imageNeedsAuthToken,
  pinnedEmulatorImage,
} from "../src/engine/emulator/pinned-image.ts";
import { engineContext } from "./support/fakes.ts";

describe("docker-compose.yml (the one place the emulator image is pinned)", () => {
  it("pins the last tokenless LocalStack image and stackctl reads that pin", async () => {
    expect(await pinnedEmulatorImage()).toBe("localstack/localstack:4.14.0");
  });

  it("binds to loopback, mounts the Docker socket and the init hooks, labels Lambda containers", async () => {
    const text = await readFile(composeFile, "utf8");
    expect(text).toMatch(/"127\.0\.0\.1:\$\{STACKCTL_EMULATOR_PORT:-4566\}:4566"/);
    expect(text).toContain("/var/run/docker.sock:/var/run/docker.sock");
    expect(text).toContain("./compose/localstack/ready.d:/etc/localstack/init/ready.d");
    expect(text).toMatch(/LAMBDA_DOCKER_NETWORK: stackctl-\$\{STACKCTL_STACK/);
    // Function containers are labelled as such, with no stack: other stacks reuse this LocalStack.
    expect(text).toMatch(
      /LAMBDA_DOCKER_FLAGS: "-l dev\.stackctl\.role=function -l dev\.stackctl\.managed=true"/,
    );
    expect(text).toMatch(/^ {6}dev\.stackctl\.started-by: \$\{STACKCTL_STARTED_BY:-hand\}/m);
    // The emulator is labelled apart from the stack's containers, so `down` never reaps it.
    expect(text).toMatch(/^ {6}dev\.stackctl\.emulator: \$\{STACKCTL_STACK/m);
    expect(text).not.toMatch(/^ {6}dev\.stackctl\.stack:/m);
    expect(text).toMatch(/LOCALSTACK_AUTH_TOKEN: \$\{LOCALSTACK_AUTH_TOKEN:-\}/);
  });

  it("knows which images need an auth token", () => {
    expect(imageNeedsAuthToken("localstack/localstack:4.14.0")).toBe(false);
    expect(imageNeedsAuthToken("localstack/localstack:4.9")).toBe(false);
    expect(imageNeedsAuthToken("localstack/localstack:4.15.0")).toBe(true);
    expect(imageNeedsAuthToken("localstack/localstack:latest")).toBe(true);
    expect(imageNeedsAuthToken("localstack/localstack")).toBe(true);
  });

  it("explains the compose command without printing the auth token", async () => {
    const ctx = await engineContext("/tmp", { env: { LOCALSTACK_AUTH_TOKEN: "ls-secret" } });
    const line = composeCommand(composeTargetFor(ctx.config, ctx.secrets), ["up", "-d", "localstack"]);
    expect(line).toContain('LOCALSTACK_AUTH_TOKEN="$LOCALSTACK_AUTH_TOKEN"');
    expect(line).not.toContain("ls-secret");
    expect(line).toContain("-p stackctl-unit up -d localstack");
  });
});
