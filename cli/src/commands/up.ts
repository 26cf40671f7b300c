import { isMode } from "../config/schema.ts";
import { up } from "../engine/up.ts";
import { StackctlError } from "../errors.ts";
import { upOutput } from "../report/up-data.ts";
import type { CommandDefinition } from "./command.ts";

export const upCommand: CommandDefinition = {
  name: "up",
  description: "start or reuse the emulator, create the table and bucket, seed fixtures (deploy comes later)",
  options: [
    { flags: "--mode <mode>", description: "container or lambda (default from config, else lambda)" },
  ],
  configFlags: (_args, options) => (typeof options.mode === "string" ? { mode: options.mode } : {}),
  async run({ ctx, deps }) {
    const mode = ctx.config.mode;
    if (!isMode(mode)) throw new StackctlError("UNKNOWN_MODE", { mode, where: "config" });
    return upOutput(await up(ctx, deps, mode), ctx.config, ctx.dryRun);
  },
};

/** `switch <mode>` is `up --mode <mode>`: same steps, the mode from the argument. */
export const switchCommand: CommandDefinition = {
  ...upCommand,
  name: "switch",
  description: "alias of `up --mode <mode>`",
  arguments: "<mode>",
  options: [],
  configFlags: (args) => (args[0] === undefined ? {} : { mode: args[0] }),
};
