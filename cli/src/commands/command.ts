import type { ConfigFlags } from "../config/load.ts";
import type { EngineContext } from "../engine/context.ts";
import type { EnginePorts } from "../engine/ports.ts";
import type { CommandName, DataOf } from "../report/schemas/by-command.ts";
import type { CommandOutput } from "../report/types.ts";

export interface OptionSpec {
  flags: string;
  description: string;
}

/** Commander's parsed options (the command's own and the global ones), untyped until a command reads them. */
export type ParsedOptions = Readonly<Record<string, unknown>>;

export interface CommandInput<Options> {
  ctx: EngineContext;
  deps: EnginePorts;
  args: string[];
  options: Options;
}

/**
 * A command is a typed object: its flags, how they feed config, and a handler that calls the engine
 * and returns the data of its own schema (`report/schemas/by-command.ts`, by the command's name).
 */
export interface CommandSpec<Name extends CommandName, Options> {
  name: Name;
  description: string;
  /** Commander argument syntax, e.g. "<mode>". */
  arguments?: string;
  options: OptionSpec[];
  /** This command's own flags, typed, out of what commander parsed. */
  readOptions(parsed: ParsedOptions): Options;
  /** Flags of this command that are config settings (e.g. up's --mode). */
  configFlags?(args: string[], options: Options): Partial<ConfigFlags>;
  run(input: CommandInput<Options>): Promise<CommandOutput<DataOf<Name>>>;
}

/** A command as main and run-command see it: the same, with its options type behind readOptions. */
export interface CommandDefinition {
  name: string;
  description: string;
  arguments?: string;
  options: OptionSpec[];
  configFlags(args: string[], parsed: ParsedOptions): Partial<ConfigFlags>;
  run(input: CommandInput<ParsedOptions>): Promise<CommandOutput>;
}

export function defineCommand<Name extends CommandName, Options>(
  spec: CommandSpec<Name, Options>,
): CommandDefinition {
  const { name, description, arguments: syntax, options } = spec;
  return {
    name,
    description,
    ...(syntax === undefined ? {} : { arguments: syntax }),
    options,
    configFlags: (args, parsed) => spec.configFlags?.(args, spec.readOptions(parsed)) ?? {},
    run: (input) => spec.run({ ...input, options: spec.readOptions(input.options) }),
  };
}

/** For commands without flags of their own. */
export const noOptions = (): Record<string, never> => ({});
