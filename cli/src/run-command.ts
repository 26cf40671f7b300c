import type { CliIo } from "./cli-io.ts";
import type { CommandDefinition, ParsedOptions } from "./commands/command.ts";
import { readEnv, readSecrets } from "./config/env.ts";
import { loadConfig } from "./config/load.ts";
import type { EnginePorts } from "./engine/ports.ts";
import { StackctlError, toStackctlError } from "./errors.ts";
import { createCommandReporter } from "./report/ci/ci-reporter.ts";
import { envOutputCommands } from "./report/ci/env-lines.ts";
import { chooseRendering } from "./report/create-reporter.ts";

interface GlobalOptions {
  stack?: string;
  endpoint?: string;
  emulator?: string;
  emulatorPort?: string;
  region?: string;
  config?: string;
  json: boolean;
  verbose: boolean;
  /** False with --no-color. */
  color: boolean;
  dryRun: boolean;
  explain: boolean;
  /** `--output <format>` of up, switch and status. */
  output: string | undefined;
}

const text = (value: unknown): string | undefined => (typeof value === "string" ? value : undefined);

/** The global flags, typed, out of what commander parsed. */
function readGlobalOptions(parsed: ParsedOptions): GlobalOptions {
  return {
    stack: text(parsed.stack),
    endpoint: text(parsed.endpoint),
    emulator: text(parsed.emulator),
    emulatorPort: text(parsed.emulatorPort),
    region: text(parsed.region),
    config: text(parsed.config),
    json: parsed.json === true,
    verbose: parsed.verbose === true,
    color: parsed.color !== false,
    dryRun: parsed.dryRun === true,
    explain: parsed.explain === true,
    output: text(parsed.output),
  };
}

function checkOutputFormat(command: string, options: GlobalOptions): void {
  if (options.output === undefined) return;
  if (options.output !== "env" || !envOutputCommands.includes(command))
    throw new StackctlError("USAGE", { detail: `Unknown --output format "${options.output}" (known: env)` });
  if (options.json)
    throw new StackctlError("USAGE", { detail: "--output env and --json cannot be combined" });
}

/** Config → engine context → handler → exactly one result through the reporter; returns the exit code. */
export async function runCommand(
  definition: CommandDefinition,
  args: string[],
  parsed: ParsedOptions,
  io: CliIo,
  deps: EnginePorts,
): Promise<number> {
  const options = readGlobalOptions(parsed);
  const signal = io.signal ?? new AbortController().signal;
  const envOutput = options.output === "env" && !options.json;
  const rendering = envOutput
    ? "env"
    : chooseRendering({
        json: options.json,
        isTTY: io.stdout.isTTY === true,
        ci: readEnv(io.env, "CI") !== undefined,
      });
  const color = options.color && readEnv(io.env, "NO_COLOR") === undefined && io.stdout.isTTY === true;
  const reporter = createCommandReporter(
    rendering,
    { stdout: io.stdout, stderr: io.stderr, color, verbose: options.verbose },
    {
      command: definition.name,
      githubActions: readEnv(io.env, "GITHUB_ACTIONS") === "true",
      stepSummaryFile: readEnv(io.env, "GITHUB_STEP_SUMMARY"),
    },
  );
  try {
    checkOutputFormat(definition.name, options);
    const config = await loadConfig({
      flags: {
        stack: options.stack,
        endpoint: options.endpoint,
        emulator: options.emulator,
        emulatorPort: options.emulatorPort,
        region: options.region,
        config: options.config,
        ...definition.configFlags(args, parsed),
      },
      env: io.env,
      cwd: io.cwd,
    });
    const ctx = {
      config,
      emit: reporter.event,
      signal,
      secrets: readSecrets(io.env),
      dryRun: options.dryRun,
      explain: options.explain,
    };
    const output = await definition.run({ ctx, deps, args, options: parsed });
    if (signal.aborted) throw new StackctlError("INTERRUPTED");
    reporter.result({ command: definition.name, ok: true, data: output.data, summary: output.summary });
    return output.exitCode ?? 0;
  } catch (error) {
    const failure = signal.aborted
      ? new StackctlError("INTERRUPTED", {}, { cause: error })
      : toStackctlError(error);
    reporter.result({ command: definition.name, ok: false, error: failure });
    return failure.exitCode;
  }
}
