import type { EngineEvent } from "../engine/events.ts";
import type { StackctlError } from "../errors.ts";
import type { ResultData } from "./schemas/by-command.ts";

export type { ResultData } from "./schemas/by-command.ts";

/** A text sink; process.stdout fits, tests pass a buffer. */
export interface OutputStream {
  write(chunk: string): unknown;
  isTTY?: boolean;
}

/** What a command hands the reporter: its `--json` data and the human lines printed after the progress. */
export interface CommandOutput<Data extends ResultData = ResultData> {
  data: Data;
  /** Human lines printed after the progress (TTY and plain renderings). */
  summary: string[];
  /**
   * Set when the command reported in full but what it found is not well (`status` with drift or an
   * unhealthy deployment: 4). Unset: 0.
   */
  exitCode?: number;
}

/** Reporters render any command's data alike; its shape is fixed per command by CommandOutput<Data>. */
export type CommandData = Readonly<Record<string, unknown>>;

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
