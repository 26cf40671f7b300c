import { randomBytes } from "node:crypto";
import { mkdir, open, readFile, rm, stat } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { StackctlError } from "../../errors.ts";
import { stackDir } from "./ledger.ts";
import { asStateDirError, writingState } from "./unwritable.ts";

interface LockOwner {
  pid: number;
  host: string;
  since: string;
  command: string;
  /** Tells this acquisition from any other (a pid alone repeats in tests and after reboots). */
  token?: string;
}

export interface StackLock {
  file: string;
  release(): Promise<void>;
}

export interface LockOptions {
  command: string;
  pid?: number;
  host?: string;
  /** Whether a pid on this host still runs; injectable for tests. */
  isAlive?: (pid: number) => boolean;
}

export function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else, so it is alive.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

function lockedBy(stack: string, owner: LockOwner, file: string): StackctlError {
  return new StackctlError("STACK_LOCKED", {
    stack,
    pid: owner.pid,
    host: owner.host,
    since: owner.since,
    file,
  });
}

async function readOwner(file: string): Promise<LockOwner | undefined> {
  try {
    const parsed = JSON.parse(await readFile(file, "utf8")) as Partial<LockOwner>;
    if (typeof parsed.pid !== "number" || typeof parsed.host !== "string") return undefined;
    return {
      pid: parsed.pid,
      host: parsed.host,
      since: String(parsed.since),
      command: String(parsed.command),
    };
  } catch {
    return undefined;
  }
}

// A lock file we cannot parse is only treated as stale once it is clearly not being written right now.
async function unreadableAndOld(file: string): Promise<boolean> {
  const info = await stat(file).catch(() => undefined);
  return info !== undefined && Date.now() - info.mtimeMs > 30_000;
}

/** Removes the lock only while it still holds `text`: never a lock another process took since. */
async function removeIfStill(file: string, text: string): Promise<void> {
  if ((await readFile(file, "utf8").catch(() => undefined)) === text) await rm(file, { force: true });
}

/**
 * Takes over a stale lock under a second exclusive file (`lock.reclaim`), so one process at a time
 * reclaims, and only if the lock still holds what was judged stale: a fresh lock that another process
 * took in between is never removed. A `lock.reclaim` left by a killed process goes after 30 s.
 */
async function reclaimStale(file: string, staleText: string | undefined, me: LockOwner): Promise<void> {
  const guard = `${file}.reclaim`;
  let handle: Awaited<ReturnType<typeof open>>;
  try {
    handle = await open(guard, "wx");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    if (await unreadableAndOld(guard)) await rm(guard, { force: true });
    await sleep(5);
    return;
  }
  try {
    await handle.writeFile(JSON.stringify(me));
    await handle.close();
    if (staleText !== undefined) await removeIfStill(file, staleText);
  } finally {
    await rm(guard, { force: true });
  }
}

/**
 * One stackctl at a time per stack: `.stackctl/<stack>/lock` is created exclusively and holds the
 * owner's pid and host. A lock whose process is gone (same host) is stale and taken over.
 */
export async function acquireStackLock(
  stateDir: string,
  stack: string,
  options: LockOptions,
): Promise<StackLock> {
  const dir = stackDir(stateDir, stack);
  const file = path.join(dir, "lock");
  const me: LockOwner = {
    pid: options.pid ?? process.pid,
    host: options.host ?? os.hostname(),
    since: new Date().toISOString(),
    command: options.command,
    token: randomBytes(8).toString("hex"),
  };
  const mine = JSON.stringify(me);
  const isAlive = options.isAlive ?? processIsAlive;
  await writingState(stateDir, () => mkdir(dir, { recursive: true }));
  for (let attempt = 0; attempt < 5; attempt += 1) {
    try {
      const handle = await open(file, "wx");
      try {
        await handle.writeFile(mine);
      } finally {
        await handle.close();
      }
      return { file, release: () => removeIfStill(file, mine) };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw asStateDirError(stateDir, error);
    }
    const staleText = await readFile(file, "utf8").catch(() => undefined);
    const owner = await readOwner(file);
    const stale =
      owner === undefined ? await unreadableAndOld(file) : owner.host === me.host && !isAlive(owner.pid);
    if (!stale) {
      // Probably being written right now: give the writer a moment before looking again.
      if (owner === undefined) {
        await sleep(50 * (attempt + 1));
        continue;
      }
      throw lockedBy(stack, owner, file);
    }
    await reclaimStale(file, staleText, me);
  }
  const owner = await readOwner(file);
  if (owner === undefined)
    throw new StackctlError("LOCK_UNREADABLE", {
      stack,
      file,
      detail: "it does not name its owner (pid and host)",
    });
  throw lockedBy(stack, owner, file);
}
