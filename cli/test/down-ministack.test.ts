import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { PortOverrides } from "../src/composition/ports.ts";
import { systemClock } from "../src/engine/clock.ts";
import type { Processes } from "../src/engine/ports.ts";
import { writeLedger } from "../src/engine/state/ledger.ts";
import { emptyLedger } from "../src/engine/state/ledger-schema.ts";
import { runCli, tempDirs } from "./support/capture-io.ts";
import { emptyEmulatorAt } from "./support/fake-aws.ts";
import { emptyDockerEngine, fakeEmulatorHost } from "./support/fakes.ts";
import { parseNdJson } from "./support/nd-json.ts";

const dirs = tempDirs();
afterEach(() => dirs.cleanup());

const port = 4610;
const endpoint = `http://127.0.0.1:${port}`;

/** Processes where `running` pids run what `commandLines` says; `stop` ends them and is recorded. */
function fakeProcesses(commandLines: Record<number, string[]>): Processes & { stopped: number[] } {
  const stopped: number[] = [];
  return {
    stopped,
    runNode: async () => ({ exitCode: 0, output: "" }),
    run: async () => ({ exitCode: 0, output: "", notFound: false }),
    startDetached: async () => {
      throw new Error("a unit test starts no process");
    },
    commandLine: async (pid) => (stopped.includes(pid) ? undefined : commandLines[pid]),
    stop: async (pid) => {
      stopped.push(pid);
    },
  };
}

async function stackStartedMinistack(cwd: string, stack: string, pid: number | undefined): Promise<void> {
  const stateDir = path.join(cwd, ".stackctl");
  await mkdir(path.join(stateDir, stack), { recursive: true });
  const ledger = emptyLedger(stack);
  ledger.endpoint = endpoint;
  ledger.emulator = { kind: "ministack", version: "1.5.33", managed: true, startedByStackctl: true };
  await writeLedger(stateDir, ledger);
  if (pid === undefined) return;
  await mkdir(path.join(cwd, "cache", "run"), { recursive: true });
  const record = {
    pid,
    port,
    gateway: "172.17.0.1",
    version: "1.5.33",
    log: "x.log",
    startedAt: "2026-12-03T12:00:00Z",
  };
  await writeFile(path.join(cwd, "cache", "run", `ministack-${port}.json`), JSON.stringify(record));
}

async function down(cwd: string, stack: string, processes: Processes) {
  const world: PortOverrides = {
    emulatorHost: async () => fakeEmulatorHost(),
    clock: systemClock,
    containerEngine: async () => emptyDockerEngine(),
    processes,
    ...emptyEmulatorAt(endpoint),
  };
  const env = { STACKCTL_CACHE_DIR: path.join(cwd, "cache") };
  const run = await runCli(["down", "--json", "--stack", stack], { env, cwd, enginePorts: world });
  return parseNdJson(run.stdout);
}

const ministackArgv = ["python", "-m", "hypercorn", "ministack.app:app", "--bind", `127.0.0.1:${port}`];

describe("down and the ministack that stackctl started", () => {
  it("stops the recorded ministack when no other stack uses it", async () => {
    const cwd = await dirs.make();
    await stackStartedMinistack(cwd, "solo", 4242);
    const processes = fakeProcesses({ 4242: ministackArgv });
    expect(await down(cwd, "solo", processes)).toMatchObject({ ok: true, data: { emulatorStopped: true } });
    expect(processes.stopped).toEqual([4242]);
  });

  it("keeps it while another stack's ledger uses it", async () => {
    const cwd = await dirs.make();
    await stackStartedMinistack(cwd, "first", 4242);
    await stackStartedMinistack(cwd, "second", undefined);
    const processes = fakeProcesses({ 4242: ministackArgv });
    expect(await down(cwd, "first", processes)).toMatchObject({
      ok: true,
      data: { emulatorStopped: false, kept: ["emulator"] },
    });
    expect(processes.stopped).toEqual([]);
  });

  it("never stops a ministack the cache dir does not record, nor a recorded pid that now runs something else", async () => {
    const cwd = await dirs.make();
    await stackStartedMinistack(cwd, "unrecorded", undefined);
    const processes = fakeProcesses({});
    expect(await down(cwd, "unrecorded", processes)).toMatchObject({
      ok: true,
      data: { emulatorStopped: false },
    });
    const reused = await dirs.make();
    await stackStartedMinistack(reused, "reused", 4343);
    const other = fakeProcesses({ 4343: ["node", "server.js"] });
    expect(await down(reused, "reused", other)).toMatchObject({ ok: true, data: { emulatorStopped: false } });
    expect([...processes.stopped, ...other.stopped]).toEqual([]);
  });
});
