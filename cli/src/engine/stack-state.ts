import { mkdir } from "node:fs/promises";
import type { EngineContext } from "./context.ts";
import { ledgerFile, readLedgerOrEmpty, refuseLinkedLedger, stackDir, writeLedger } from "./state/ledger.ts";
import type { LedgerWriter } from "./state/ledger-writer.ts";
import { acquireStackLock } from "./state/lock.ts";
import { writingState } from "./state/unwritable.ts";

/**
 * Saves one after the other, each writing the ledger as it is when that save starts: steps that run
 * side by side (table and bucket) may save at once, and the file must end with the later state.
 */
function serialSaves(save: () => Promise<void>): () => Promise<void> {
  let last: Promise<void> = Promise.resolve();
  return () => {
    const next = last.then(save, save);
    last = next.catch(() => undefined);
    return next;
  };
}

/**
 * Runs `work` holding the stack's lock with its ledger loaded. --dry-run takes no lock and never
 * writes: it only reads.
 */
export async function withStackState<T>(
  ctx: EngineContext,
  command: string,
  work: (state: LedgerWriter, file: string) => Promise<T>,
): Promise<T> {
  const { stateDir, stack } = ctx.config;
  const file = ledgerFile(stateDir, stack);
  if (ctx.dryRun) {
    const ledger = await readLedgerOrEmpty(stateDir, stack);
    return work({ ledger, save: async () => undefined }, file);
  }
  // Before the lock is made in it: a linked stack folder would put the lock (and all) elsewhere.
  await refuseLinkedLedger(stateDir, stack);
  await writingState(stateDir, () => mkdir(stackDir(stateDir, stack), { recursive: true }));
  const lock = await acquireStackLock(stateDir, stack, { command });
  try {
    const ledger = await readLedgerOrEmpty(stateDir, stack);
    return await work({ ledger, save: serialSaves(() => writeLedger(stateDir, ledger)) }, file);
  } finally {
    await lock.release();
  }
}
