import type { EngineEvent } from "../engine/events.ts";
import type { StackctlError } from "../errors.ts";

/** A text sink; process.stdout fits, tests pass a buffer. */
export interface OutputStream {
  write(chunk: string): unknown;
  isTTY?: boolean;
}

export type CommandData = Record<string, unknown>;

export type CommandResult =
  | { command: string; ok: true; data: CommandData; summary: string[] }
  | { command: string; ok: false; error: StackctlError };

export interface Reporter {
  event(event: EngineEvent): void;
  result(result: CommandResult): void;
}

export interface ReporterOptions {
  stdout: OutputStream;
  stderr: OutputStream;
  color: boolean;
  verbose: boolean;
}
