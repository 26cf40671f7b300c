import { modeNames } from "../engine/modes/table.ts";
import { type CommandSpec, defineCommand } from "./command.ts";

interface DevOptions {
  mode?: string;
  package?: string;
  hotkeys: boolean;
}

const dev: CommandSpec<"dev", DevOptions> = {
  name: "dev",
  description:
    "`up`, then redeploy on every save in service/ through the same API URL until q or Ctrl-C (the stack stays deployed)",
  options: [
    {
      flags: "--mode <mode>",
      description: `${modeNames().join(" or ")} (default from config, else lambda)`,
    },
    {
      flags: "--package <type>",
      description: "lambda mode's first deploy: auto, image or zip (reloads ship a zip)",
    },
  ],
  readOptions: (parsed) => ({
    ...(typeof parsed.mode === "string" ? { mode: parsed.mode } : {}),
    ...(typeof parsed.package === "string" ? { package: parsed.package } : {}),
    // Under --json stdin is the caller's, and stdout carries ND-JSON only: no hotkeys.
    hotkeys: parsed.json !== true,
  }),
  configFlags: (_args, options) => ({
    ...(options.mode === undefined ? {} : { mode: options.mode }),
    ...(options.package === undefined ? {} : { package: options.package }),
  }),
  async run({ ctx, deps, options }) {
    const [{ dev: runDev }, { devOutput }] = await Promise.all([
      import("../engine/dev/dev.ts"),
      import("../report/dev-data.ts"),
    ]);
    return devOutput(await runDev(ctx, deps, ctx.config.mode, { hotkeys: options.hotkeys }), ctx.config);
  },
};

export const devCommand = defineCommand(dev);
