import { writeFile } from "node:fs/promises";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import {
  forgetCapabilities,
  memoFileName,
  rememberCapabilities,
  rememberedCapabilities,
  worthRemembering,
} from "../src/engine/emulator/capability-memo.ts";
import type { EmulatorInfo } from "../src/engine/emulator/probe.ts";
import { tempDirs } from "./support/capture-io.ts";

const dirs = tempDirs();
afterEach(() => dirs.cleanup());

const localstack: EmulatorInfo = {
  endpoint: "http://127.0.0.1:4566",
  kind: "localstack",
  version: "4.14.0",
  edition: "community",
  services: {},
  instanceId: "session-1",
};
const caps = { ecr: false, imageLambdas: false, notes: ["ECR call failed: not in community"] };
const now = new Date("2026-12-03T12:00:00Z");

describe("capabilities remembered per emulator instance", () => {
  it("gives back what this instance answered, and nothing for a restart, a new version or another endpoint", async () => {
    const stateDir = await dirs.make();
    await rememberCapabilities(stateDir, localstack, caps, now);
    expect(await rememberedCapabilities(stateDir, localstack)).toEqual({
      capabilities: caps,
      detectedAt: now.toISOString(),
    });
    // LocalStack's session_id is new at every start: a restarted emulator is probed again.
    expect(
      await rememberedCapabilities(stateDir, { ...localstack, instanceId: "session-2" }),
    ).toBeUndefined();
    expect(await rememberedCapabilities(stateDir, { ...localstack, version: "4.15.0" })).toBeUndefined();
    expect(
      await rememberedCapabilities(stateDir, { ...localstack, endpoint: "http://127.0.0.1:4567" }),
    ).toBeUndefined();
  });

  it("forgets one instance and keeps the others", async () => {
    const stateDir = await dirs.make();
    const other = { ...localstack, endpoint: "http://127.0.0.1:4567" };
    await rememberCapabilities(stateDir, localstack, caps, now);
    await rememberCapabilities(stateDir, other, caps, now);
    await forgetCapabilities(stateDir, localstack);
    expect(await rememberedCapabilities(stateDir, localstack)).toBeUndefined();
    expect(await rememberedCapabilities(stateDir, other)).toBeDefined();
  });

  it("treats a damaged memo file as empty (a cache, never a failure)", async () => {
    const stateDir = await dirs.make();
    await writeFile(path.join(stateDir, memoFileName), "{not json");
    expect(await rememberedCapabilities(stateDir, localstack)).toBeUndefined();
    await rememberCapabilities(stateDir, localstack, caps, now);
    expect(await rememberedCapabilities(stateDir, localstack)).toBeDefined();
  });

  it("does not remember a ministack answer made while no Docker engine answered (it may come up)", () => {
    const ministack: EmulatorInfo = { ...localstack, kind: "ministack", version: "1.5.33", edition: "light" };
    expect(worthRemembering(ministack, { ecr: true, imageLambdas: false, notes: [] })).toBe(false);
    expect(worthRemembering(ministack, { ecr: true, imageLambdas: true, notes: [] })).toBe(true);
  });
});
