import type { CommandDefinition } from "./command.ts";

export const upCommand: CommandDefinition = {
  name: "up",
  description: "start or reuse the emulator, create the table and bucket, seed fixtures (deploy comes later)",
  options: [
    { flags: "--mode <mode>", description: "container or lambda (default from config, else lambda)" },
  ],
  configFlags: (_args, options) => (typeof options.mode === "string" ? { mode: options.mode } : {}),
  // The engine is imported when the command runs, so `stackctl --help` loads none of it.
  async run({ ctx, deps }) {
    const [{ up }, { upOutput }] = await Promise.all([
      import("../engine/up.ts"),
      import("../report/up-data.ts"),
    ]);
    return upOutput(await up(ctx, deps, ctx.config.mode), ctx.config, ctx.dryRun);
  },
};

/** `switch <mode>` is `up --mode <mode>`: same steps, the mode from the argument. */
export const switchCommand: CommandDefinition = {
  ...upCommand,
  name: "switch",
  description: "alias of `up --mode <mode>`",
  arguments: "<mode>",
  options: [],
  configFlags: (args) => (args[0] === undefined ? {} : { mode: args[0], modeFrom: `\`switch ${args[0]}\`` }),
};
