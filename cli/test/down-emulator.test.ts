import { mkdir, readdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { PortOverrides } from "../src/composition/ports.ts";
import { systemClock } from "../src/engine/clock.ts";
import { writeLedger } from "../src/engine/state/ledger.ts";
import { emptyLedger } from "../src/engine/state/ledger-schema.ts";
import { runCli, tempDirs } from "./support/capture-io.ts";
import { emptyAws, emptyEmulatorAt } from "./support/fake-aws.ts";
import { emptyDockerEngine, fakeEmulatorHost } from "./support/fakes.ts";
import { parseNdJson } from "./support/nd-json.ts";

const dirs = tempDirs();
afterEach(() => dirs.cleanup());

async function stackStartedLocalStack(stateDir: string, stack: string): Promise<void> {
  await mkdir(path.join(stateDir, stack), { recursive: true });
  const ledger = emptyLedger(stack);
  ledger.emulator = { kind: "localstack", version: "4.14.0", managed: true, startedByStackctl: true };
  await writeLedger(stateDir, ledger);
}

/**
 * Everything `down` talks to, faked: the compose host, a Docker engine holding nothing, and an
 * emulator answering at `endpoint` holding nothing. A unit test touches no real emulator or engine.
 */
function fakeWorld(runtime: ReturnType<typeof fakeEmulatorHost>, endpoint: string): PortOverrides {
  return {
    emulatorHost: async () => runtime,
    clock: systemClock,
    containerEngine: async () => emptyDockerEngine(),
    ...emptyEmulatorAt(endpoint),
  };
}

describe("down and the LocalStack that stackctl started", () => {
  it("stops it with compose and forgets the stack when no other stack uses it", async () => {
    const cwd = await dirs.make();
    await stackStartedLocalStack(path.join(cwd, ".stackctl"), "solo");
    const runtime = fakeEmulatorHost();
    const run = await runCli(["down", "--json", "--stack", "solo"], {
      env: {},
      cwd,
      enginePorts: fakeWorld(runtime, "http://127.0.0.1:4566"),
    });
    expect(parseNdJson(run.stdout)).toMatchObject({ ok: true, data: { emulatorStopped: true } });
    expect(runtime.calls).toContain("down");
    expect(runtime.targets.at(-1)).toMatchObject({ project: "stackctl-solo", service: "localstack" });
    expect(await readdir(path.join(cwd, ".stackctl"))).toEqual([]);
  });

  it("keeps it running while another stack has a bucket in it", async () => {
    const cwd = await dirs.make();
    const stateDir = path.join(cwd, ".stackctl");
    await stackStartedLocalStack(stateDir, "first");
    const runtime = fakeEmulatorHost();
    const world = fakeWorld(runtime, "http://127.0.0.1:4566");
    const aws = emptyAws();
    aws.buckets.names = async () => ["second-files"];
    aws.buckets.inspect = async (name) =>
      name === "second-files" ? { tags: { "stackctl:stack": "second" } } : undefined;
    const run = await runCli(["down", "--json", "--stack", "first"], {
      env: {},
      cwd,
      // The LocalStack answers, holding the other stack's bucket (its ledger may be anywhere).
      enginePorts: { ...world, aws: () => aws },
    });
    expect(parseNdJson(run.stdout)).toMatchObject({
      ok: true,
      data: { emulatorStopped: false, kept: ["emulator"] },
    });
    expect(runtime.calls).not.toContain("down");
  });

  it("never stops an emulator the user named with --endpoint", async () => {
    const cwd = await dirs.make();
    await stackStartedLocalStack(path.join(cwd, ".stackctl"), "named");
    await writeFile(
      path.join(cwd, "stackctl.config.json"),
      JSON.stringify({ endpoint: "http://127.0.0.1:9" }),
    );
    const runtime = fakeEmulatorHost();
    // The user's emulator answers at :9 (the managed port's LocalStack is not asked).
    const run = await runCli(["down", "--json", "--stack", "named"], {
      env: {},
      cwd,
      enginePorts: fakeWorld(runtime, "http://127.0.0.1:9"),
    });
    expect(parseNdJson(run.stdout)).toMatchObject({ ok: true, data: { emulatorStopped: false } });
    expect(runtime.calls).not.toContain("down");
  });
});
