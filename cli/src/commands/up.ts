import type { UpData } from "../report/schemas/up.ts";
import { type CommandSpec, defineCommand } from "./command.ts";

interface UpOptions {
  /** As typed; config validates it (and names the flag in the error). */
  mode?: string;
  package?: string;
}

const up: CommandSpec<UpOptions, UpData> = {
  name: "up",
  description: "start or reuse the emulator, create the table and bucket, seed fixtures (deploy comes later)",
  options: [
    { flags: "--mode <mode>", description: "container or lambda (default from config, else lambda)" },
    {
      flags: "--package <type>",
      description: "lambda mode: auto, image or zip (default from config, else auto)",
    },
  ],
  readOptions: (parsed) => ({
    ...(typeof parsed.mode === "string" ? { mode: parsed.mode } : {}),
    ...(typeof parsed.package === "string" ? { package: parsed.package } : {}),
  }),
  configFlags: (_args, options) => ({
    ...(options.mode === undefined ? {} : { mode: options.mode }),
    ...(options.package === undefined ? {} : { package: options.package }),
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
  options: [],
  readOptions: (): UpOptions => ({}),
  configFlags: (args) => (args[0] === undefined ? {} : { mode: args[0], modeFrom: `\`switch ${args[0]}\`` }),
});
