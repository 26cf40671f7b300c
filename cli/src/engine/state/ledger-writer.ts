import type { Ledger } from "./ledger-schema.ts";

/** The loaded ledger of a locked stack and how to persist it (a no-op in --dry-run). */
export interface LedgerWriter {
  ledger: Ledger;
  save(): Promise<void>;
}
