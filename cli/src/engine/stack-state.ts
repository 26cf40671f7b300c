import { mkdir } from "node:fs/promises";
import type { EngineContext } from "./context.ts";
import { ledgerFile, readLedgerOrEmpty, stackDir, writeLedger } from "./state/ledger.ts";
import type { LedgerWriter } from "./state/ledger-writer.ts";
import { acquireStackLock } from "./state/lock.ts";
import { writingState } from "./state/unwritable.ts";

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
  await writingState(stateDir, () => mkdir(stackDir(stateDir, stack), { recursive: true }));
  const lock = await acquireStackLock(stateDir, stack, { command });
  try {
    const ledger = await readLedgerOrEmpty(stateDir, stack);
    return await work({ ledger, save: () => writeLedger(stateDir, ledger) }, file);
  } finally {
    await lock.release();
  }
}
