import type { ResultPromise } from "execa";
import type { EngineEvent, EventOf } from "../../src/engine/events.ts";

/**
 * A running `stackctl dev --json` child: its ND-JSON lines as they come, and waits for the event
 * a test expects next (bounded, with everything seen so far in the failure message).
 */
export function devSession(child: ResultPromise) {
  const events: EngineEvent[] = [];
  let buffered = "";
  let waiter: (() => void) | undefined;
  child.stdout?.on("data", (chunk: Buffer) => {
    buffered += chunk.toString("utf8");
    const lines = buffered.split("\n");
    buffered = lines.pop() ?? "";
    for (const line of lines) {
      if (line.trim() === "") continue;
      const parsed = JSON.parse(line) as { type: string } & EngineEvent;
      if (parsed.type === "event") events.push(parsed);
    }
    waiter?.();
  });
  let seen = 0;
  /** The next event (after the ones already taken) that `match` accepts. */
  const next = async <E extends EngineEvent>(
    what: string,
    match: (event: EngineEvent) => event is E,
    timeoutMs: number,
  ): Promise<E> => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      while (seen < events.length) {
        const event = events[seen];
        seen += 1;
        if (event !== undefined && match(event)) return event;
      }
      if (Date.now() > deadline)
        throw new Error(`no ${what} within ${timeoutMs} ms; events: ${JSON.stringify(events.slice(-15))}`);
      await new Promise<void>((resolve) => {
        waiter = resolve;
        setTimeout(resolve, 250);
      });
    }
  };
  return {
    events,
    ready: () =>
      next(
        "dev ready event",
        (event): event is EventOf<"done"> => event.step === "dev" && event.status === "done",
        240_000,
      ),
    reload: (timeoutMs = 60_000) =>
      next("reload event", (event): event is EventOf<"reload"> => event.status === "reload", timeoutMs),
  };
}
