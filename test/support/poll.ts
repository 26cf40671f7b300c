/**
 * Retries `attempt` until it returns a value (not undefined) or the deadline passes; the error
 * then names what was awaited and the last thing seen, so a failure explains itself.
 */
export async function poll<T>(
  what: string,
  attempt: () => Promise<T | undefined>,
  options: { timeoutMs: number; intervalMs?: number },
): Promise<T> {
  const deadline = Date.now() + options.timeoutMs;
  let last = "no attempt finished";
  for (;;) {
    try {
      const value = await attempt();
      if (value !== undefined) return value;
      last = "not ready yet";
    } catch (error) {
      last = (error as Error).message;
    }
    if (Date.now() >= deadline) throw new Error(`${what} not ready after ${options.timeoutMs} ms: ${last}`);
    await new Promise((resolve) => setTimeout(resolve, options.intervalMs ?? 500));
  }
}
