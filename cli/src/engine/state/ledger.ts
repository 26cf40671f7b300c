import { randomBytes } from "node:crypto";
import { open, readdir, readFile, rename, rm } from "node:fs/promises";
import path from "node:path";
import { StackctlError } from "../../errors.ts";
import { emptyLedger, type Ledger, ledgerSchema, ledgerVersion } from "./ledger-schema.ts";
import { ledgerV1Schema, migrateV1 } from "./ledger-v1.ts";
import { refuseLink } from "./no-links.ts";
import { writingState } from "./unwritable.ts";

export function stackDir(stateDir: string, stack: string): string {
  return path.join(stateDir, stack);
}

export function ledgerFile(stateDir: string, stack: string): string {
  return path.join(stackDir(stateDir, stack), "state.json");
}

/** Refuses a stack folder or `state.json` that is a symbolic link (no-links.ts), before reading or writing. */
export async function refuseLinkedLedger(stateDir: string, stack: string): Promise<void> {
  await refuseLink(stackDir(stateDir, stack));
  await refuseLink(ledgerFile(stateDir, stack));
}

/**
 * Reads `.stackctl/<stack>/state.json`; a missing file is an empty ledger, a corrupt one, a link or
 * one that names another stack an error.
 */
export async function readLedger(stateDir: string, stack: string): Promise<Ledger | undefined> {
  const file = ledgerFile(stateDir, stack);
  await refuseLinkedLedger(stateDir, stack);
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw new StackctlError("LEDGER_INVALID", { file, detail: (error as Error).message });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new StackctlError("LEDGER_INVALID", { file, detail: (error as Error).message });
  }
  const version = (json as { version?: unknown } | null)?.version;
  // A newer stackctl wrote it: say so, rather than "unreadable", so nobody discards it for that.
  if (typeof version === "number" && version > ledgerVersion)
    throw new StackctlError("LEDGER_INVALID", {
      file,
      detail: `it is format version ${version}, newer than this stackctl reads (${ledgerVersion}); use the stackctl that wrote it`,
    });
  // Version 1 is migrated in memory; the next save writes it as the current version.
  let ledger: Ledger | undefined;
  if (version === 1) {
    const old = ledgerV1Schema.safeParse(json);
    if (old.success) ledger = migrateV1(old.data);
  } else {
    const current = ledgerSchema.safeParse(json);
    if (current.success) ledger = current.data;
  }
  if (ledger === undefined)
    throw new StackctlError("LEDGER_INVALID", { file, detail: "it does not match the ledger format" });
  // Another stack's ledger would make this stack's `down` remove that stack's resources.
  if (ledger.stack !== stack)
    throw new StackctlError("LEDGER_OTHER_STACK", {
      file,
      stack,
      other: ledger.stack,
      otherDir: stackDir(stateDir, ledger.stack),
    });
  return ledger;
}

export async function readLedgerOrEmpty(stateDir: string, stack: string): Promise<Ledger> {
  return (await readLedger(stateDir, stack)) ?? emptyLedger(stack);
}

/**
 * Writes via a new temp file (never an existing one) + rename, so a crash or Ctrl-C leaves the old or
 * the new ledger, never half, and a link put at `state.json` is replaced, never written through.
 * Callers write right after each change in the world, so the ledger never lags more than one step.
 */
export async function writeLedger(stateDir: string, ledger: Ledger): Promise<void> {
  ledger.updatedAt = new Date().toISOString();
  const file = ledgerFile(stateDir, ledger.stack);
  await refuseLinkedLedger(stateDir, ledger.stack);
  const temp = `${file}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`;
  await writingState(stateDir, async () => {
    const handle = await open(temp, "wx", 0o644);
    try {
      await handle.writeFile(`${JSON.stringify(ledger, null, 2)}\n`);
      await handle.sync();
    } finally {
      await handle.close();
    }
    try {
      await rename(temp, file);
    } catch (error) {
      await rm(temp, { force: true });
      throw error;
    }
  });
}

export async function removeLedger(stateDir: string, stack: string): Promise<void> {
  await rm(ledgerFile(stateDir, stack), { force: true });
}

/**
 * Other stacks' ledgers in the same state dir. The managed ministack's stop asks this beside the
 * emulator itself (`emulator/stack-users.ts`), so either one keeps it running.
 */
export async function otherStacks(stateDir: string, stack: string): Promise<string[]> {
  const entries = await readdir(stateDir, { withFileTypes: true }).catch(() => []);
  const names: string[] = [];
  for (const entry of entries) {
    if (!entry.isDirectory() || entry.name === stack) continue;
    if ((await readLedger(stateDir, entry.name).catch(() => undefined)) !== undefined) names.push(entry.name);
  }
  return names;
}
