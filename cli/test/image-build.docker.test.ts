import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import Docker from "dockerode";
import { afterAll, describe, expect, it } from "vitest";
import { newTestRun, removeLabelled } from "../../test/support/test-labels.ts";
import { detectTier } from "../../test/support/tiers.ts";
import { createDockerEngine } from "../src/adapters/docker-engine.ts";
import { loadConfig } from "../src/config/load.ts";
import type { EngineContext } from "../src/engine/context.ts";
import type { EngineEvent } from "../src/engine/events.ts";
import { ensureImage } from "../src/engine/image/ensure-image.ts";
import { serviceImage } from "../src/engine/modes/container/image-spec.ts";
import { StackctlError } from "../src/errors.ts";

// The image step against the real engine: a Dockerfile that fails names the failing instruction
// and the build's own error; a good one is built once, then found by its content tag.
const tier = await detectTier({ docker: true, emulator: false }, import.meta.url);
const run = newTestRun("image-build");

async function contextDir(dockerfile: string): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "stackctl-build-"));
  await writeFile(path.join(dir, "Dockerfile"), dockerfile);
  await writeFile(path.join(dir, "Dockerfile.lambda"), dockerfile);
  await import("node:fs/promises").then(({ mkdir }) => mkdir(path.join(dir, "dist")));
  await writeFile(path.join(dir, "dist", "server.js"), "console.log('hi')\n");
  return dir;
}

describe.skipIf(tier.skipReason !== undefined)("ensureImage with the real Docker engine", () => {
  const dirs: string[] = [];
  const engine = createDockerEngine(undefined);
  afterAll(async () => {
    await removeLabelled(new Docker(), run);
    const docker = new Docker();
    for (const image of await docker.listImages({ filters: { label: [`dev.stackctl.stack=${stack}`] } }))
      await docker.getImage(image.Id).remove({ force: true });
    await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
  });
  const stack = `img-${run.id}`;

  async function context(events: EngineEvent[]): Promise<EngineContext> {
    const config = await loadConfig({
      flags: { stack },
      env: { STACKCTL_BASE_IMAGE: tier.env.baseImage },
      cwd: os.tmpdir(),
    });
    return {
      config,
      emit: (event) => events.push(event),
      signal: new AbortController().signal,
      secrets: { localstackAuthToken: undefined },
      dryRun: false,
      explain: false,
    };
  }

  it("a failing instruction: IMAGE_BUILD_FAILED naming the step and the build's error, output streamed", async () => {
    const dir = await contextDir(
      `ARG BASE_IMAGE\nFROM \${BASE_IMAGE}\nCOPY dist/ /app/\nRUN echo compiling && exit 7\n`,
    );
    dirs.push(dir);
    const events: EngineEvent[] = [];
    const error = await ensureImage(
      await context(events),
      engine,
      { dir, sha256: "a".repeat(64) },
      serviceImage,
    ).then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(StackctlError);
    const failure = error as StackctlError;
    expect(failure.code).toBe("IMAGE_BUILD_FAILED");
    expect(failure.message).toMatch(/at Step 4\/\d+ : RUN echo compiling && exit 7/);
    expect(failure.message).toMatch(/returned a non-zero code: 7/);
    expect(failure.details.join("\n")).toContain("compiling");
    expect(events.filter((event) => event.status === "log").map((event) => event.message)).toContain(
      "compiling",
    );
  });

  it("a good Dockerfile is built once and then found by its content tag", async () => {
    const dir = await contextDir(
      `ARG BASE_IMAGE\nFROM \${BASE_IMAGE}\nCOPY dist/ /app/\nLABEL ${`stackctl.test=${run.value}`}\n`,
    );
    dirs.push(dir);
    const ctx = await context([]);
    const bundle = { dir, sha256: "b".repeat(64) };
    const first = await ensureImage(ctx, engine, bundle, serviceImage);
    expect(first.value).toMatchObject({
      change: "built",
      tag: expect.stringMatching(new RegExp(`^stackctl/${stack}-service:[0-9a-f]{12}$`)),
    });
    const second = await ensureImage(ctx, engine, bundle, serviceImage);
    expect(second.value).toMatchObject({ change: "unchanged", tag: first.value.tag, id: first.value.id });
    const labels = (await engine.inspectImage(first.value.tag))?.labels ?? {};
    expect(labels).toMatchObject({ "dev.stackctl.stack": stack, "dev.stackctl.image": "container" });
    // Another bundle is another tag.
    const other = await ensureImage(ctx, engine, { dir, sha256: "c".repeat(64) }, serviceImage);
    expect(other.value.tag).not.toBe(first.value.tag);
  });

  it("a base image that is not there and cannot be pulled: BASE_IMAGE_UNAVAILABLE naming the setting", async () => {
    const dir = await contextDir(`ARG BASE_IMAGE\nFROM \${BASE_IMAGE}\n`);
    dirs.push(dir);
    const ctx = await context([]);
    ctx.config.baseImage = "127.0.0.1:1/stackctl-test/no-such-base:0";
    const error = await ensureImage(ctx, engine, { dir, sha256: "d".repeat(64) }, serviceImage).catch(
      (caught: unknown) => caught,
    );
    expect(error).toMatchObject({
      code: "BASE_IMAGE_UNAVAILABLE",
      hint: expect.stringContaining("STACKCTL_BASE_IMAGE"),
    });
  });
});
