import { readFileSync } from "node:fs";
import { Command, CommanderError } from "commander";
import type { CliIo } from "./cli-io.ts";
import type { ParsedOptions } from "./commands/command.ts";
import { commands } from "./commands/registry.ts";
import { composePorts } from "./composition/ports.ts";
import type { EnginePorts } from "./engine/ports.ts";
import { StackctlError } from "./errors.ts";

export type { CliIo } from "./cli-io.ts";

const version = (
  JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as { version: string }
).version;

interface ProgramHooks {
  setExit(code: number): void;
  /** Where commander's help and version text go (buffered under --json, see `main`). */
  writeOut(text: string): void;
  /** Called with the subcommand commander dispatches to, so usage errors name the right command. */
  dispatching(name: string): void;
}

function buildProgram(io: CliIo, deps: EnginePorts, hooks: ProgramHooks): Command {
  const program = new Command("stackctl")
    .description("Run the inventory/file service on a local AWS emulator, as a container or as a Lambda")
    .version(version)
    .option("--stack <name>", "stack name (default: stackctl)")
    .option("--endpoint <url>", "use this emulator; never start one")
    .option("--emulator <kind>", "the emulator stackctl manages without --endpoint: localstack|ministack")
    .option("--emulator-port <port>", "the managed emulator's port on 127.0.0.1 (default: 4566)")
    .option("--region <region>", "AWS region (default: us-east-1)")
    .option("--config <file>", "config file (default: ./stackctl.config.json)")
    .option("--json", "ND-JSON on stdout: events, then one result")
    .option("--verbose", "show stack traces on errors")
    .option("--no-color", "no colours")
    .option("--dry-run", "print the plan; change nothing")
    .option("--explain", "print the equivalent awslocal/docker commands for each step")
    .exitOverride()
    .hook("preSubcommand", (_program, subcommand) => hooks.dispatching(subcommand.name()))
    .configureOutput({
      writeOut: (text) => hooks.writeOut(text),
      writeErr: (text) => io.stderr.write(text),
      outputError: () => undefined,
    });
  for (const definition of commands) {
    const command = program.command(
      `${definition.name}${definition.arguments === undefined ? "" : ` ${definition.arguments}`}`,
    );
    command.description(definition.description);
    for (const option of definition.options) command.option(option.flags, option.description);
    command.action(async (...actionArgs: unknown[]) => {
      const self = actionArgs[actionArgs.length - 1] as Command;
      const options: ParsedOptions = self.optsWithGlobals();
      // Config (zod), reporters and the engine load only once a command runs: --help stays fast.
      const { runCommand } = await import("./run-command.ts");
      hooks.setExit(await runCommand(definition, self.args, options, io, deps));
    });
  }
  return program;
}

async function earlyReporter(json: boolean, io: CliIo) {
  const { chooseRendering, createReporter } = await import("./report/create-reporter.ts");
  return createReporter(chooseRendering({ json, isTTY: false, ci: true }), {
    stdout: io.stdout,
    stderr: io.stderr,
    color: false,
    verbose: false,
  });
}

// Commander's own errors (unknown flag, missing argument) are usage errors with exit code 2.
async function usageFailure(
  json: boolean,
  command: string,
  io: CliIo,
  error: CommanderError,
): Promise<number> {
  const reporter = await earlyReporter(json, io);
  const detail = error.message.replace(/^error: /, "");
  const failure = new StackctlError("USAGE", { detail: detail.charAt(0).toUpperCase() + detail.slice(1) });
  reporter.result({ command, ok: false, error: failure });
  return failure.exitCode;
}

/** Parses argv (without node and script), runs one command and returns its exit code. Never exits. */
export async function main(argv: string[], io: CliIo): Promise<number> {
  let exitCode = 0;
  let command = "stackctl";
  const ownArgs = argv.includes("--") ? argv.slice(0, argv.indexOf("--")) : argv;
  const json = ownArgs.includes("--json");
  // Under --json stdout carries ND-JSON only, so help and version text become a result's data.
  let text = "";
  const deps = composePorts(io.enginePorts, io.env);
  const program = buildProgram(io, deps, {
    setExit: (code) => {
      exitCode = code;
    },
    dispatching: (name) => {
      command = name;
    },
    writeOut: (chunk) => {
      if (json) text += chunk;
      else io.stdout.write(chunk);
    },
  });
  try {
    await program.parseAsync(argv, { from: "user" });
    return exitCode;
  } catch (error) {
    if (!(error instanceof CommanderError)) throw error;
    if (error.code === "commander.helpDisplayed" || error.code === "commander.version") {
      if (json) {
        const data = error.code === "commander.version" ? { version: text.trim() } : { command, text };
        const name = error.code === "commander.version" ? "version" : "help";
        (await earlyReporter(true, io)).result({ command: name, ok: true, data, summary: [] });
      }
      return 0;
    }
    // No command given: commander printed the help on stderr.
    if (error.code === "commander.help") {
      if (!json) return 2;
      const missing = new CommanderError(
        2,
        "commander.help",
        "a command is required (see `stackctl --help`)",
      );
      return await usageFailure(true, command, io, missing);
    }
    return await usageFailure(json, command, io, error);
  }
}
