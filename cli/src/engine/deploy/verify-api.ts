import { StackctlError } from "../../errors.ts";
import type { Clock } from "../ports.ts";

/**
 * Polls the stable URL until `GET /` reports the version just deployed; a deployment can take a
 * moment to reach an emulator's router. Fails with API_NOT_SERVING (exit 4) after `timeoutMs`.
 */
export async function verifyThroughApi(
  url: string,
  version: string,
  clock: Clock,
  signal: AbortSignal,
  timeoutMs = 20_000,
): Promise<void> {
  const deadline = clock.now() + timeoutMs;
  let last = "no answer";
  for (;;) {
    try {
      const response = await fetch(url, { signal: AbortSignal.any([AbortSignal.timeout(10_000), signal]) });
      const text = await response.text();
      if (response.status === 200) {
        const body = JSON.parse(text) as { version?: unknown };
        if (body.version === version) return;
        last = `answers version ${JSON.stringify(body.version)}, not ${version}`;
      } else {
        last = `HTTP ${response.status}: ${text.slice(0, 160)}`;
      }
    } catch (error) {
      if (signal.aborted) throw new StackctlError("INTERRUPTED", {}, { cause: error });
      last = (error as { cause?: { code?: string } }).cause?.code ?? (error as Error).message;
    }
    if (clock.now() >= deadline) throw new StackctlError("API_NOT_SERVING", { url, detail: last });
    await clock.sleep(300, signal);
  }
}
