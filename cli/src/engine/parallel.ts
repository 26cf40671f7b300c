/**
 * Awaits steps started side by side and returns their values in order. Unlike `Promise.all` it
 * waits for every one to settle before it throws the first failure (in the order given), so no step
 * is still writing to the ledger or calling the emulator when the caller releases the lock.
 */
export async function settleAll<T extends readonly unknown[] | []>(
  started: { [K in keyof T]: Promise<T[K]> },
): Promise<T> {
  const settled = await Promise.allSettled(started as readonly Promise<unknown>[]);
  const values: unknown[] = [];
  for (const outcome of settled) {
    if (outcome.status === "rejected") throw outcome.reason;
    values.push(outcome.value);
  }
  return values as T;
}
