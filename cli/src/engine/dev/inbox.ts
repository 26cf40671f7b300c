import { StackctlError } from "../../errors.ts";

/** What a `stackctl dev` session reacts to: a saved file, or a key (TTY hotkeys, the command layer's). */
export type DevCommand = "redeploy" | "switch-mode" | "toggle-logs" | "quit";
export type DevInput = { kind: "change"; path: string } | { kind: "command"; command: DevCommand };

/**
 * A queue the watcher and the keys push into and the session reads from, one input at a time;
 * `next` ends with INTERRUPTED when the signal aborts (Ctrl-C, SIGTERM).
 */
export class DevInbox {
  readonly #queue: DevInput[] = [];
  #wake: (() => void) | undefined;

  push(input: DevInput): void {
    this.#queue.push(input);
    this.#wake?.();
  }

  /** Takes every queued input at once. */
  drain(): DevInput[] {
    return this.#queue.splice(0);
  }

  get size(): number {
    return this.#queue.length;
  }

  async next(signal: AbortSignal): Promise<DevInput> {
    for (;;) {
      if (signal.aborted) throw new StackctlError("INTERRUPTED");
      const first = this.#queue.shift();
      if (first !== undefined) return first;
      await new Promise<void>((resolve) => {
        const done = () => {
          this.#wake = undefined;
          signal.removeEventListener("abort", done);
          resolve();
        };
        this.#wake = done;
        signal.addEventListener("abort", done, { once: true });
      });
    }
  }
}
