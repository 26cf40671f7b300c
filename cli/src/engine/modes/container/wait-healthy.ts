import { StackctlError } from "../../../errors.ts";
import type { Clock, ContainerEngine, Http } from "../../ports.ts";

export interface HealthWait {
  engine: ContainerEngine;
  clock: Clock;
  http: Http;
  signal: AbortSignal;
  containerId: string;
  name: string;
  url: string;
  timeoutMs: number;
  /** Between probes; default 250 ms (a `stackctl dev` reload polls faster: it is what the user waits for). */
  pollMs?: number;
}

async function answers(
  http: Http,
  url: string,
  signal: AbortSignal,
): Promise<{ ok: boolean; detail: string }> {
  try {
    const response = await http.request(url, { timeoutMs: 2_000, signal });
    return { ok: response.status === 200, detail: `GET / answered ${response.status}` };
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause?.code;
    return { ok: false, detail: cause ?? (error as Error).message };
  }
}

/**
 * Ready = `GET /` answers 200 **and** the container is still running; a container that exits or
 * restarts fails at once with its log tail, so a crash explains itself.
 */
export async function waitHealthy(wait: HealthWait): Promise<void> {
  const deadline = wait.clock.now() + wait.timeoutMs;
  let last = "no answer yet";
  for (;;) {
    const info = await wait.engine.inspectContainer(wait.containerId);
    if (info === undefined || !info.running || info.status === "restarting") {
      const tail = info === undefined ? [] : await wait.engine.logTail(wait.containerId, 30).catch(() => []);
      const detail =
        info === undefined
          ? "disappeared while starting"
          : `exited with code ${info.exitCode} while starting`;
      throw new StackctlError("CONTAINER_UNHEALTHY", { name: wait.name, detail }, { details: tail });
    }
    const probe = await answers(wait.http, wait.url, wait.signal);
    if (probe.ok) return;
    last = probe.detail;
    if (wait.signal.aborted) throw new StackctlError("INTERRUPTED");
    if (wait.clock.now() >= deadline) {
      const tail = await wait.engine.logTail(wait.containerId, 30).catch(() => []);
      throw new StackctlError(
        "CONTAINER_UNHEALTHY",
        {
          name: wait.name,
          detail: `did not answer GET / with 200 within ${Math.round(wait.timeoutMs / 1000)} s (${last})`,
        },
        { details: tail },
      );
    }
    await wait.clock.sleep(wait.pollMs ?? 250, wait.signal);
  }
}
