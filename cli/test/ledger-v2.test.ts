import { copyFile, mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { restApiName } from "../src/engine/api/rest-api.ts";
import { systemClock } from "../src/engine/clock.ts";
import { removeRecorded } from "../src/engine/down/remove-recorded.ts";
import type { Remover, RemoverRegistry } from "../src/engine/down/remover.ts";
import { removers } from "../src/engine/down/removers.ts";
import type { AwsPorts, ContainerEngine } from "../src/engine/ports.ts";
import { fixedRestApiId } from "../src/engine/profile/emulator-profile.ts";
import { stackTagKey } from "../src/engine/stack-labels.ts";
import { ledgerFile, readLedger, writeLedger } from "../src/engine/state/ledger.ts";
import { emptyLedger, type Ledger, resourceKinds } from "../src/engine/state/ledger-schema.ts";
import type { LedgerWriter } from "../src/engine/state/ledger-writer.ts";
import {
  activeOf,
  findResource,
  newestFirst,
  recordResource,
  retiredOf,
  upsertResource,
} from "../src/engine/state/resources.ts";
import { runCli, tempDirs } from "./support/capture-io.ts";
import { failureOf } from "./support/failure.ts";
import { emptyAws, emptyEmulatorAt } from "./support/fake-aws.ts";
import { engineContext, fakeEmulatorHost, testPorts } from "./support/fakes.ts";

const dirs = tempDirs();
afterEach(() => dirs.cleanup());

// Written by stackctl before ledger v2 (`up`, then `up` with tableName changed), against ministack.
const v1File = fileURLToPath(new URL("./fixtures/ledger-v1.json", import.meta.url));
const v1Stack = "ledgerv1-04ce2d";

async function withV1Ledger(): Promise<{ cwd: string; stateDir: string }> {
  const cwd = await dirs.make();
  const stateDir = path.join(cwd, ".stackctl");
  await mkdir(path.join(stateDir, v1Stack), { recursive: true });
  await copyFile(v1File, ledgerFile(stateDir, v1Stack));
  return { cwd, stateDir };
}

function writer(ledger: Ledger): LedgerWriter & { saves: number } {
  const state = {
    ledger,
    saves: 0,
    save: async () => {
      state.saves += 1;
    },
  };
  return state;
}

// down only asks the deploy engine whether Docker answers before it looks for images; say it does not.
const noDocker = { state: async () => ({ state: "missing" }) } as Partial<ContainerEngine> as ContainerEngine;

/**
 * `down --json` in-process, with a Docker runtime that finds nothing and stops the emulator on paper;
 * the managed port's emulator answers and holds nothing of this stack (--endpoint :9 does not), unless
 * `aws` says what it holds.
 */
function downIn(cwd: string, argv: string[], aws?: () => AwsPorts) {
  return runCli(["down", "--json", ...argv], {
    env: {},
    cwd,
    enginePorts: {
      emulatorHost: async () => fakeEmulatorHost(),
      clock: systemClock,
      containerEngine: async () => noDocker,
      ...emptyEmulatorAt("http://127.0.0.1:4566"),
      ...(aws === undefined ? {} : { aws }),
    },
  });
}

const at = (second: number) => new Date(Date.UTC(2026, 11, 1, 9, 0, second));

describe("ledger version 1 on disk", () => {
  it("is read as version 2: the configured table and bucket active, the renamed-away table retired", async () => {
    const { stateDir } = await withV1Ledger();
    const v1 = JSON.parse(await readFile(v1File, "utf8"));
    const ledger = await readLedger(stateDir, v1Stack);
    expect(ledger).toEqual({
      version: 2,
      stack: v1Stack,
      updatedAt: v1.updatedAt,
      endpoint: v1.endpoint,
      mode: v1.mode,
      emulator: v1.emulator,
      resources: [
        { kind: "table", ...v1.resources.table, state: "active", attributes: {} },
        { kind: "bucket", ...v1.resources.bucket, state: "active", attributes: {} },
        { ...v1.retired[0], state: "retired", attributes: {} },
      ],
      fixtures: v1.fixtures,
    });
  });

  it("is written back as version 2 on the next save, and reads back the same", async () => {
    const { stateDir } = await withV1Ledger();
    const ledger = await readLedger(stateDir, v1Stack);
    if (ledger === undefined) throw new Error("the v1 ledger was not read");
    await writeLedger(stateDir, ledger);
    const written = JSON.parse(await readFile(ledgerFile(stateDir, v1Stack), "utf8"));
    expect(written).toMatchObject({ version: 2, resources: expect.any(Array) });
    expect(written).not.toHaveProperty("retired");
    expect(await readLedger(stateDir, v1Stack)).toEqual(ledger);
  });

  it("is shown by status (recorded names) without being rewritten", async () => {
    const { cwd, stateDir } = await withV1Ledger();
    const before = await readFile(ledgerFile(stateDir, v1Stack), "utf8");
    const run = await runCli(["status", "--json", "--stack", v1Stack, "--endpoint", "http://127.0.0.1:9"], {
      env: {},
      cwd,
    });
    expect(run.code).toBe(0);
    expect(run.result()).toMatchObject({
      ok: true,
      data: { resources: { table: `${v1Stack}-renamed`, bucket: `${v1Stack}-files` } },
    });
    expect(await readFile(ledgerFile(stateDir, v1Stack), "utf8")).toBe(before);
  });

  it("keeps its table and bucket on a plain down, saying why, and stays on disk", async () => {
    const { cwd, stateDir } = await withV1Ledger();
    const run = await downIn(cwd, ["--stack", v1Stack, "--endpoint", "http://127.0.0.1:9"]);
    const result = run.result() as { ok: boolean; data: { removed: string[]; kept: string[] } };
    expect(result).toMatchObject({ ok: true, data: { removed: [] } });
    // What the ledger records, in recorded order (the deployment's own lines follow).
    expect(result.data.kept.filter((line) => line.includes(v1Stack))).toEqual([
      `table ${v1Stack}-renamed (data; --purge removes it)`,
      `bucket ${v1Stack}-files (data; --purge removes it)`,
      `table ${v1Stack}-inventory (data; --purge removes it)`,
    ]);
    expect((await readLedger(stateDir, v1Stack))?.resources).toHaveLength(3);
  });
});

describe("a ledger from a newer stackctl", () => {
  it("is reported as newer (not as corrupt), naming the file", async () => {
    const { stateDir } = await withV1Ledger();
    const file = ledgerFile(stateDir, v1Stack);
    await writeFile(file, JSON.stringify({ version: 3, stack: v1Stack, resources: [] }));
    const error = await failureOf(readLedger(stateDir, v1Stack));
    expect(error.code).toBe("LEDGER_INVALID");
    expect(error.message).toBe(
      `The state file ${file} is unreadable: it is format version 3, newer than this stackctl reads (2); use the stackctl that wrote it`,
    );
  });
});

describe("recording resources", () => {
  it("upserts by kind and name, saving once per record", async () => {
    const state = writer(emptyLedger("unit"));
    await recordResource(state, { kind: "table", name: "t", ownedByStackctl: true });
    await recordResource(state, { kind: "bucket", name: "t", ownedByStackctl: true });
    await recordResource(state, {
      kind: "table",
      name: "t",
      arn: "arn:t",
      ownedByStackctl: false,
      attributes: { billing: "PAY_PER_REQUEST" },
    });
    expect(state.saves).toBe(3);
    expect(state.ledger.resources).toMatchObject([
      { kind: "table", name: "t", arn: "arn:t", ownedByStackctl: false, state: "active" },
      { kind: "bucket", name: "t", state: "active", attributes: {} },
    ]);
    expect(state.ledger.resources[0]?.attributes).toEqual({ billing: "PAY_PER_REQUEST" });
  });

  it("finds the active one of a kind, a named one in any state, and lists by state", () => {
    const ledger = emptyLedger("unit");
    upsertResource(ledger, { kind: "table", name: "old", ownedByStackctl: true, state: "retired" });
    upsertResource(ledger, { kind: "table", name: "new", ownedByStackctl: true });
    upsertResource(ledger, { kind: "container", name: "c1", id: "abc", ownedByStackctl: true });
    upsertResource(ledger, { kind: "container", name: "c2", id: "def", ownedByStackctl: true });
    expect(findResource(ledger, "table")?.name).toBe("new");
    expect(findResource(ledger, "table", "old")?.state).toBe("retired");
    expect(findResource(ledger, "bucket")).toBeUndefined();
    expect(activeOf(ledger, "container").map((c) => c.id)).toEqual(["abc", "def"]);
    expect(retiredOf(ledger, "table").map((t) => t.name)).toEqual(["old"]);
  });

  it("orders newest first by recordedAt, later-recorded first on a tie", () => {
    const ledger = emptyLedger("unit");
    upsertResource(ledger, { kind: "role", name: "r", ownedByStackctl: true }, at(1));
    upsertResource(ledger, { kind: "function", name: "f", ownedByStackctl: true }, at(3));
    upsertResource(ledger, { kind: "rest-api", name: "a", ownedByStackctl: true }, at(3));
    upsertResource(ledger, { kind: "image", name: "i", ownedByStackctl: true }, at(2));
    expect(newestFirst(ledger.resources).map((r) => r.kind)).toEqual([
      "rest-api",
      "function",
      "image",
      "role",
    ]);
  });
});

describe("down through the remover registry", () => {
  it("has an entry for every resource kind", () => {
    expect(Object.keys(removers).sort()).toEqual([...resourceKinds].sort());
  });

  it("removes newest first, forgets what is gone (already gone is fine), saves after each", async () => {
    const ctx = await engineContext(await dirs.make());
    const state = writer(emptyLedger("unit"));
    upsertResource(state.ledger, { kind: "role", name: "r", ownedByStackctl: true }, at(1));
    upsertResource(state.ledger, { kind: "function", name: "f", ownedByStackctl: true }, at(2));
    upsertResource(state.ledger, { kind: "rest-api", name: "a", ownedByStackctl: true }, at(3));
    const calls: string[] = [];
    const fake = (result: "removed" | "already-gone"): Remover => ({
      holdsData: false,
      needsAws: false,
      async remove(resource) {
        calls.push(`${resource.kind} ${resource.name} (${state.saves} saves)`);
        return { result, message: result };
      },
    });
    const registry: RemoverRegistry = {
      ...removers,
      role: fake("removed"),
      function: fake("already-gone"),
      "rest-api": fake("removed"),
    };
    const changes = await removeRecorded(
      ctx,
      testPorts({ emulatorHost: async () => fakeEmulatorHost(), clock: systemClock }),
      state,
      false,
      {},
      registry,
    );
    expect(calls).toEqual(["rest-api a (0 saves)", "function f (1 saves)", "role r (2 saves)"]);
    expect(changes).toEqual({ removed: ["role r", "function f", "rest-api a"], kept: [] });
    expect(state.ledger.resources).toEqual([]);
    expect(ctx.events.filter((e) => e.status === "start").map((e) => e.step)).toEqual([
      "remove.rest-api",
      "remove.function",
      "remove.role",
    ]);
  });

  it("keeps a kind that has no remover yet, names it, and leaves it in the ledger", async () => {
    const ctx = await engineContext(await dirs.make(), { dryRun: true });
    const state = writer(emptyLedger("unit"));
    upsertResource(state.ledger, { kind: "log-group", name: "lg", ownedByStackctl: true }, at(1));
    upsertResource(state.ledger, { kind: "permission", name: "p", ownedByStackctl: false }, at(2));
    const changes = await removeRecorded(
      ctx,
      testPorts({ emulatorHost: async () => fakeEmulatorHost(), clock: systemClock }),
      state,
      true,
      {},
    );
    expect(changes).toEqual({
      removed: [],
      kept: [
        "log-group lg (no remover for log-group yet; not removed)",
        "permission p (not created by stackctl)",
      ],
    });
    expect(state.ledger.resources).toHaveLength(2);
    expect(ctx.events).toEqual([
      expect.objectContaining({ step: "remove.permission", status: "plan", action: "keep" }),
      expect.objectContaining({ step: "remove.log-group", status: "plan", action: "keep" }),
    ]);
  });

  it("forgets what a stopped emulator took along, but keeps Docker-side records (and so the ledger)", async () => {
    const cwd = await dirs.make();
    const stateDir = path.join(cwd, ".stackctl");
    await mkdir(path.join(stateDir, "solo"), { recursive: true });
    const ledger = emptyLedger("solo");
    ledger.emulator = { kind: "localstack", version: "4.14.0", managed: true, startedByStackctl: true };
    upsertResource(ledger, { kind: "table", name: "solo-inventory", ownedByStackctl: true });
    upsertResource(ledger, { kind: "image", name: "stackctl-solo/service:1", ownedByStackctl: true });
    await writeLedger(stateDir, ledger);
    const run = await downIn(cwd, ["--stack", "solo"]);
    expect(run.result()).toMatchObject({
      ok: true,
      data: {
        emulatorStopped: true,
        kept: [
          "table solo-inventory (data; --purge removes it)",
          "image stackctl-solo/service:1 (no Docker engine answers)",
        ],
      },
    });
    expect((await readLedger(stateDir, "solo"))?.resources).toMatchObject([
      { kind: "image", name: "stackctl-solo/service:1" },
    ]);
  });
});

describe("down --dry-run and the stack's REST API", () => {
  it("lists the recorded API once: the sweep leaves what the ledger still records to its remover", async () => {
    const cwd = await dirs.make();
    const stateDir = path.join(cwd, ".stackctl");
    await mkdir(path.join(stateDir, "solo"), { recursive: true });
    const ledger = emptyLedger("solo");
    const id = fixedRestApiId("solo");
    upsertResource(ledger, { kind: "rest-api", name: restApiName("solo"), id, ownedByStackctl: true });
    await writeLedger(stateDir, ledger);
    // The managed port's emulator holds exactly that API, tagged with the stack.
    const api = { id, name: restApiName("solo"), tags: { [stackTagKey]: "solo" }, binaryMediaTypes: [] };
    const run = await downIn(cwd, ["--dry-run", "--stack", "solo"], () => {
      const aws = emptyAws();
      aws.restApis.get = async (asked) => (asked === id ? api : undefined);
      aws.restApis.findByName = async (name) => (name === api.name ? [api] : []);
      return aws;
    });
    const removed = (run.result() as { data: { removed: string[] } }).data.removed;
    expect(removed.filter((line) => line.startsWith("rest-api"))).toEqual([
      `rest-api ${restApiName("solo")}`,
    ]);
    // A plan only: the ledger still records it.
    expect((await readLedger(stateDir, "solo"))?.resources).toMatchObject([{ kind: "rest-api", id }]);
  });
});
