import { mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { ledgerFile, readLedger, writeLedger } from "../src/engine/state/ledger.ts";
import { emptyLedger } from "../src/engine/state/ledger-schema.ts";
import { acquireStackLock } from "../src/engine/state/lock.ts";
import { StackctlError } from "../src/errors.ts";
import { tempDirs } from "./support/capture-io.ts";

const dirs = tempDirs();
afterEach(() => dirs.cleanup());

describe("ledger", () => {
  it("round-trips and leaves no temp files behind", async () => {
    const stateDir = await dirs.make();
    await mkdir(path.join(stateDir, "demo"));
    const ledger = emptyLedger("demo");
    ledger.resources.table = {
      name: "demo-inventory",
      ownedByStackctl: true,
      recordedAt: "2026-01-01T00:00:00Z",
    };
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

  it("lets exactly one of many concurrent acquirers win", async () => {
    const stateDir = await dirs.make();
    const attempts = await Promise.allSettled(
      Array.from({ length: 8 }, () => acquireStackLock(stateDir, "demo", { command: "up" })),
    );
    expect(attempts.filter((attempt) => attempt.status === "fulfilled")).toHaveLength(1);
  });
});
