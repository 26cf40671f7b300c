import { mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { ledgerFile, readLedger, writeLedger } from "../src/engine/state/ledger.ts";
import { emptyLedger } from "../src/engine/state/ledger-schema.ts";
import { acquireStackLock } from "../src/engine/state/lock.ts";
import { StackctlError } from "../src/errors.ts";
import { runCli, tempDirs } from "./support/capture-io.ts";
import { failureOf } from "./support/failure.ts";

const dirs = tempDirs();
afterEach(() => dirs.cleanup());

describe("ledger", () => {
  it("round-trips and leaves no temp files behind", async () => {
    const stateDir = await dirs.make();
    await mkdir(path.join(stateDir, "demo"));
    const ledger = emptyLedger("demo");
    ledger.resources.push({
      kind: "table",
      name: "demo-inventory",
      ownedByStackctl: true,
      recordedAt: "2026-01-01T00:00:00Z",
      state: "active",
      attributes: {},
    });
    await writeLedger(stateDir, ledger);
    expect(await readLedger(stateDir, "demo")).toEqual(ledger);
    expect(await readdir(path.join(stateDir, "demo"))).toEqual(["state.json"]);
  });

  it("reads a missing ledger as none", async () => {
    expect(await readLedger(await dirs.make(), "demo")).toBeUndefined();
  });

  it("reports a corrupt ledger with its path and how to recover", async () => {
    const stateDir = await dirs.make();
    await mkdir(path.join(stateDir, "demo"));
    await writeFile(ledgerFile(stateDir, "demo"), '{"version": 1, "stack": ');
    const error = await readLedger(stateDir, "demo").catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(StackctlError);
    expect((error as StackctlError).code).toBe("LEDGER_INVALID");
    expect((error as StackctlError).message).toContain(ledgerFile(stateDir, "demo"));
  });
});

describe("stack lock", () => {
  it("stops a second holder with who holds it", async () => {
    const stateDir = await dirs.make();
    const first = await acquireStackLock(stateDir, "demo", { command: "up" });
    const second = await acquireStackLock(stateDir, "demo", { command: "up" }).catch(
      (caught: unknown) => caught,
    );
    expect(second).toBeInstanceOf(StackctlError);
    expect((second as StackctlError).code).toBe("STACK_LOCKED");
    expect((second as StackctlError).message).toContain(`pid ${process.pid}`);
    await first.release();
    const third = await acquireStackLock(stateDir, "demo", { command: "up" });
    await third.release();
  });

  it("takes over a lock whose process is gone", async () => {
    const stateDir = await dirs.make();
    await acquireStackLock(stateDir, "demo", { command: "up", pid: 999_999_999, isAlive: () => true });
    const lock = await acquireStackLock(stateDir, "demo", {
      command: "up",
      isAlive: (pid) => pid !== 999_999_999,
    });
    const owner = JSON.parse(await readFile(lock.file, "utf8")) as { pid: number };
    expect(owner.pid).toBe(process.pid);
    await lock.release();
  });

  it("detects a lock left by a process that really died (e.g. kill -9)", async () => {
    const stateDir = await dirs.make();
    const { execa } = await import("execa");
    const child = execa("node", ["-e", "process.exit(0)"]);
    const deadPid = child.pid;
    await child;
    expect(deadPid).toBeGreaterThan(0);
    await acquireStackLock(stateDir, "demo", { command: "up", pid: deadPid });
    const lock = await acquireStackLock(stateDir, "demo", { command: "up" });
    expect(JSON.parse(await readFile(lock.file, "utf8"))).toMatchObject({ pid: process.pid });
    await lock.release();
  });

  it("does not take over a lock held on another host", async () => {
    const stateDir = await dirs.make();
    await acquireStackLock(stateDir, "demo", { command: "up", host: "other-host", pid: 1 });
    const error = await acquireStackLock(stateDir, "demo", { command: "up", isAlive: () => false }).catch(
      (caught: unknown) => caught,
    );
    expect((error as StackctlError).code).toBe("STACK_LOCKED");
    expect((error as StackctlError).message).toContain("other-host");
  });

  it("waits for a half-written lock to be finished, then names its holder", async () => {
    const stateDir = await dirs.make();
    await mkdir(path.join(stateDir, "demo"));
    const file = path.join(stateDir, "demo", "lock");
    await writeFile(file, '{"pid": 4');
    const finished = JSON.stringify({ pid: 4242, host: "elsewhere", since: "now", command: "up" });
    setTimeout(() => void writeFile(file, finished), 30);
    const error = await failureOf(acquireStackLock(stateDir, "demo", { command: "up" }));
    expect(error.code).toBe("STACK_LOCKED");
    expect(error.message).toContain("pid 4242 on elsewhere");
  });

  it("says a lock file that stays unreadable is unreadable, and where, instead of 'pid ?'", async () => {
    const stateDir = await dirs.make();
    await mkdir(path.join(stateDir, "demo"));
    const file = path.join(stateDir, "demo", "lock");
    await writeFile(file, "garbage");
    const error = await failureOf(acquireStackLock(stateDir, "demo", { command: "up" }));
    expect(error.code).toBe("LOCK_UNREADABLE");
    expect(error.message).toBe(
      `Stack "demo" is locked by ${file}, which cannot be read: it does not name its owner (pid and host)`,
    );
    expect(error.message).not.toContain("?");
    expect(error.hint).toContain(`delete ${file}`);
  });

  it("lets exactly one of many concurrent acquirers win", async () => {
    const stateDir = await dirs.make();
    const attempts = await Promise.allSettled(
      Array.from({ length: 8 }, () => acquireStackLock(stateDir, "demo", { command: "up" })),
    );
    expect(attempts.filter((attempt) => attempt.status === "fulfilled")).toHaveLength(1);
  });
});

describe("an unwritable state dir", () => {
  it("is STATE_DIR_UNWRITABLE naming the dir and how to pick another, for the lock and the ledger", async () => {
    const root = await dirs.make();
    // A regular file where the state dir should be: ENOTDIR/EEXIST for everyone, root included.
    const blocked = path.join(root, "not-a-dir");
    await writeFile(blocked, "");
    const stateDir = path.join(blocked, "state");
    const lockError = await failureOf(acquireStackLock(stateDir, "demo", { command: "up" }));
    expect(lockError.code).toBe("STATE_DIR_UNWRITABLE");
    expect(lockError.exitCode).toBe(1);
    expect(lockError.message).toContain(`Cannot write stackctl's state under ${stateDir}:`);
    expect(lockError.hint).toContain("STACKCTL_STATE_DIR");
    const ledgerError = await failureOf(writeLedger(stateDir, emptyLedger("demo")));
    expect(ledgerError.code).toBe("STATE_DIR_UNWRITABLE");
  });

  it("makes `up` fail with exit 1 and the code, not an internal error", async () => {
    const root = await dirs.make();
    await writeFile(path.join(root, "blocked"), "");
    const stateDir = path.join(root, "blocked", "state");
    const run = await runCli(["up", "--json", "--stack", "unwritable", "--endpoint", "http://127.0.0.1:9"], {
      env: { STACKCTL_STATE_DIR: stateDir },
      cwd: root,
    });
    expect(run.code).toBe(1);
    expect(run.result()).toMatchObject({ ok: false, error: { code: "STATE_DIR_UNWRITABLE" } });
  });
});
