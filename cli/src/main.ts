import { readFileSync } from "node:fs";
import { Command, CommanderError } from "commander";
import type { CliIo } from "./cli-io.ts";
import { commands } from "./commands/registry.ts";
import type { EmulatorDeps } from "./engine/emulator/ensure.ts";
import { systemClock } from "./engine/emulator/runtime.ts";
import { StackctlError } from "./errors.ts";
import type { GlobalOptions } from "./run-command.ts";

export type { CliIo } from "./cli-io.ts";

const version = (
  JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as { version: string }
).version;

function defaultDeps(env: CliIo["env"]): EmulatorDeps {
  let runtime: ReturnType<EmulatorDeps["runtime"]> | undefined;
  return {
    clock: systemClock,
    runtime: () => {
      runtime ??= import("./adapters/docker-runtime.ts").then(({ createDockerRuntime }) =>
        createDockerRuntime(env),
      );
      return runtime;
    },
  };
}

interface ProgramHooks {
  setExit(code: number): void;
  /** Called with the subcommand commander dispatches to, so usage errors name the right command. */
  dispatching(name: string): void;
}

function buildProgram(io: CliIo, deps: EmulatorDeps, hooks: ProgramHooks): Command {
  const program = new Command("stackctl")
    .description("Run the inventory/file service on a local AWS emulator, as a container or as a Lambda")
    .version(version)
    .option("--stack <name>", "stack name (default: stackctl)")
    .option("--endpoint <url>", "use this emulator; never start one")
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
      writeOut: (text) => io.stdout.write(text),
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
      const options = self.optsWithGlobals<GlobalOptions & Record<string, unknown>>();
      // Config (zod), reporters and the engine load only once a command runs: --help stays fast.
      const { runCommand } = await import("./run-command.ts");
      hooks.setExit(await runCommand(definition, self.args, options, io, deps));
    });
  }
  return program;
}

// Commander's own errors (unknown flag, missing argument) are usage errors with exit code 2.
async function usageFailure(
  argv: string[],
  command: string,
  io: CliIo,
  error: CommanderError,
): Promise<number> {
  const { chooseRendering, createReporter } = await import("./report/create-reporter.ts");
  const json = argv.includes("--json");
  const reporter = createReporter(chooseRendering({ json, isTTY: false, ci: true }), {
    stdout: io.stdout,
    stderr: io.stderr,
    color: false,
    verbose: false,
  });
  const detail = error.message.replace(/^error: /, "");
  const failure = new StackctlError("USAGE", { detail: detail.charAt(0).toUpperCase() + detail.slice(1) });
  reporter.result({ command, ok: false, error: failure });
  return failure.exitCode;
}

/** Parses argv (without node and script), runs one command and returns its exit code. Never exits. */
export async function main(argv: string[], io: CliIo): Promise<number> {
  let exitCode = 0;
  let command = "stackctl";
  const deps = io.emulatorDeps ?? defaultDeps(io.env);
  const program = buildProgram(io, deps, {
    setExit: (code) => {
      exitCode = code;
    },
    dispatching: (name) => {
      command = name;
    },
  });
  try {
    await program.parseAsync(argv, { from: "user" });
    return exitCode;
  } catch (error) {
    if (!(error instanceof CommanderError)) throw error;
    if (error.code === "commander.helpDisplayed" || error.code === "commander.version") return 0;
    if (error.code === "commander.help") return 2;
    return await usageFailure(argv, command, io, error);
  }
}
