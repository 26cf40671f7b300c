import type { ConfigFlags } from "../config/load.ts";
import type { EngineContext } from "../engine/context.ts";
import type { EmulatorDeps } from "../engine/emulator/ensure.ts";
import type { CommandData } from "../report/types.ts";

export interface OptionSpec {
  flags: string;
  description: string;
}

export interface CommandOutput {
  data: CommandData;
  /** Human lines printed after the progress (TTY and plain renderings). */
  summary: string[];
}

export interface CommandInput {
  ctx: EngineContext;
  deps: EmulatorDeps;
  args: string[];
  options: Record<string, unknown>;
}

/** A command is a typed object: its flags, how they feed config, and a handler that calls the engine. */
export interface CommandDefinition {
  name: string;
  description: string;
  /** Commander argument syntax, e.g. "<mode>". */
  arguments?: string;
  options: OptionSpec[];
  /** Flags of this command that are config settings (e.g. up's --mode). */
  configFlags?(args: string[], options: Record<string, unknown>): Partial<ConfigFlags>;
  run(input: CommandInput): Promise<CommandOutput>;
}
