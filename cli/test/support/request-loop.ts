/**
 * GETs `url` back to back until stopped (bounded by `maxMs`); every answer must satisfy `check`.
 * Used to prove that a swap or a mode switch fails no request.
 */
export function requestLoop(
  url: string,
  maxMs: number,
  check: (status: number, body: unknown) => string | undefined,
) {
  const failures: string[] = [];
  let count = 0;
  let stopped = false;
  const started = Date.now();
  const done = (async () => {
    while (!stopped && Date.now() - started < maxMs) {
      try {
        const response = await fetch(url, { signal: AbortSignal.timeout(15_000) });
        const text = await response.text();
        let body: unknown;
        try {
          body = JSON.parse(text);
        } catch {
          body = text;
        }
        const problem = check(response.status, body);
        if (problem !== undefined) failures.push(problem);
      } catch (error) {
        failures.push((error as Error).message);
      }
      count += 1;
    }
  })();
  return {
    failures,
    count: () => count,
    stop: async () => {
      stopped = true;
      await done;
    },
  };
}

/** The check for `GET /inventory/SKU-1` on a stack seeded with the fixtures. */
export const seededItem = (status: number, body: unknown): string | undefined =>
  status === 200 && (body as { sku?: string }).sku === "SKU-1"
    ? undefined
    : `HTTP ${status} ${JSON.stringify(body).slice(0, 200)}`;
