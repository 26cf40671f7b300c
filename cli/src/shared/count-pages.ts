export interface Count {
  count: number;
  /** False when the time bound stopped the count early: the true number is at least `count`. */
  complete: boolean;
}

export interface CountedPage<T> {
  count: number;
  /** Where the next page starts; undefined on the last page. */
  next: T | undefined;
}

export interface CountBound {
  /** How long counting may take in all; `status` must answer promptly even for a huge bucket. */
  budgetMs: number;
  signal: AbortSignal;
  now?: () => number;
}

/**
 * Adds up every page until the last, or until the time budget is spent: checked between pages,
 * and a page still running when it runs out is abandoned, so the whole count is bounded.
 */
export async function countPages<T>(
  page: (next: T | undefined, signal: AbortSignal) => Promise<CountedPage<T>>,
  bound: CountBound,
): Promise<Count> {
  const now = bound.now ?? Date.now;
  const deadline = now() + bound.budgetMs;
  const timeout = AbortSignal.timeout(bound.budgetMs);
  const signal = AbortSignal.any([bound.signal, timeout]);
  let count = 0;
  let next: T | undefined;
  do {
    let counted: CountedPage<T>;
    try {
      counted = await page(next, signal);
    } catch (error) {
      if (timeout.aborted && !bound.signal.aborted) return { count, complete: false };
      throw error;
    }
    count += counted.count;
    next = counted.next;
    if (next !== undefined && now() >= deadline) return { count, complete: false };
  } while (next !== undefined);
  return { count, complete: true };
}
