import { modeNames } from "../engine/modes/table.ts";
import { type CommandSpec, defineCommand } from "./command.ts";

interface UpOptions {
  /** As typed; config validates it (and names the flag in the error). */
  mode?: string;
  package?: string;
  keepPrevious?: boolean;
}

const keepPreviousOption = {
  flags: "--keep-previous",
  description: "on a mode switch, keep the other mode's compute for an instant switch back",
};

/** KEY=value lines on stdout for a CI's next step (README "Output in CI", docs/ci.md). */
export const outputOption = {
  flags: "--output <format>",
  description: "env: print KEY=value lines (API URL, direct URL, stack, mode, table, bucket) on stdout",
};

const up: CommandSpec<"up", UpOptions> = {
  name: "up",
  description:
    "start or reuse the emulator, create the table and bucket, seed fixtures, deploy the service in the mode asked for",
  options: [
    {
      flags: "--mode <mode>",
      description: `${modeNames().join(" or ")} (default from config, else lambda)`,
    },
    {
      flags: "--package <type>",
      description: "lambda mode: auto, image or zip (default from config, else auto)",
    },
    keepPreviousOption,
    outputOption,
  ],
  readOptions: (parsed) => ({
    ...(typeof parsed.mode === "string" ? { mode: parsed.mode } : {}),
    ...(typeof parsed.package === "string" ? { package: parsed.package } : {}),
    ...(parsed.keepPrevious === true ? { keepPrevious: true } : {}),
  }),
  configFlags: (_args, options) => ({
    ...(options.mode === undefined ? {} : { mode: options.mode }),
    ...(options.package === undefined ? {} : { package: options.package }),
    ...(options.keepPrevious === true ? { keepPrevious: true } : {}),
  }),
  // The engine is imported when the command runs, so `stackctl --help` loads none of it.
  async run({ ctx, deps }) {
    const [{ up }, { upOutput }] = await Promise.all([
      import("../engine/up.ts"),
      import("../report/up-data.ts"),
    ]);
    return upOutput(await up(ctx, deps, ctx.config.mode), ctx.config, ctx.dryRun);
  },
};

export const upCommand = defineCommand(up);

/** `switch <mode>` is `up --mode <mode>`: same steps, the mode from the argument. */
export const switchCommand = defineCommand({
  ...up,
  name: "switch",
  description: "alias of `up --mode <mode>`",
  arguments: "<mode>",
  options: [keepPreviousOption, outputOption],
  readOptions: (parsed): UpOptions => (parsed.keepPrevious === true ? { keepPrevious: true } : {}),
  configFlags: (args, options) => ({
    ...(args[0] === undefined ? {} : { mode: args[0], modeFrom: `\`switch ${args[0]}\`` }),
    ...(options.keepPrevious === true ? { keepPrevious: true } : {}),
  }),
});
