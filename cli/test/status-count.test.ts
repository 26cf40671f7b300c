import { describe, expect, it } from "vitest";
import { loadConfig } from "../src/config/load.ts";
import type { StatusOutcome } from "../src/engine/status.ts";
import { statusOutput } from "../src/report/status-data.ts";
import { type CountedPage, countPages } from "../src/shared/count-pages.ts";

/** Pages of 1,000 until `total`, each token the offset where the next page starts. */
function pagesOf(total: number, seen: (number | undefined)[] = []) {
  return async (offset: number | undefined): Promise<CountedPage<number>> => {
    seen.push(offset);
    const from = offset ?? 0;
    const to = Math.min(from + 1_000, total);
    return { count: to - from, next: to < total ? to : undefined };
  };
}

describe("counting pages for status", () => {
  it("adds up every page, passing each page's token to the next call", async () => {
    const seen: (number | undefined)[] = [];
    const counted = await countPages(pagesOf(2_500, seen), {
      budgetMs: 5_000,
      signal: new AbortController().signal,
    });
    expect(counted).toEqual({ count: 2_500, complete: true });
    expect(seen).toEqual([undefined, 1_000, 2_000]);
  });

  it("stops between pages once the time budget is spent, as a lower bound", async () => {
    let now = 0;
    const page = pagesOf(5_000);
    const counted = await countPages(
      async (offset: number | undefined) => {
        now += 400;
        return page(offset);
      },
      { budgetMs: 1_000, signal: new AbortController().signal, now: () => now },
    );
    expect(counted).toEqual({ count: 3_000, complete: false });
  });

  it("abandons a page that hangs past the budget and keeps what it counted", async () => {
    const page = pagesOf(5_000);
    const counted = await countPages(
      async (offset: number | undefined, signal) => {
        if (offset === 1_000)
          await new Promise((_, reject) => signal.addEventListener("abort", () => reject(signal.reason)));
        return page(offset);
      },
      { budgetMs: 50, signal: new AbortController().signal },
    );
    expect(counted).toEqual({ count: 1_000, complete: false });
  });

  it("passes on Ctrl-C and other failures instead of reporting a partial count", async () => {
    const interrupt = new AbortController();
    const failing = countPages(
      async (_offset: number | undefined, signal) => {
        interrupt.abort(new Error("interrupted"));
        signal.throwIfAborted();
        return { count: 1, next: undefined };
      },
      { budgetMs: 5_000, signal: interrupt.signal },
    );
    await expect(failing).rejects.toThrow("interrupted");
  });
});

describe("status summary", () => {
  it("says 'at least' for a count that hit its bound", async () => {
    const config = await loadConfig({ flags: { stack: "unit" }, env: {}, cwd: process.cwd() });
    const found = { exists: true, ownedByStackctl: true };
    const outcome: StatusOutcome = {
      ledger: undefined,
      ledgerProblem: undefined,
      ledgerFile: "state.json",
      endpoint: "http://127.0.0.1:4566",
      emulator: undefined,
      emulatorProblem: "down",
      table: { name: "unit-inventory", ...found, count: 5, countIsLowerBound: false },
      bucket: { name: "unit-files", ...found, count: 41_000, countIsLowerBound: true },
      deployment: { api: null, container: null, function: null, drift: [], healthy: false },
    };
    const { summary } = statusOutput(outcome, config);
    expect(summary).toContain("  table    unit-inventory: present, 5 items");
    expect(summary).toContain("  bucket   unit-files: present, at least 41000 objects");
  });
});
