import type { CommandDefinition } from "./command.ts";

export const downCommand: CommandDefinition = {
  name: "down",
  description: "remove what stackctl created for the stack (--purge also drops the table and bucket)",
  options: [{ flags: "--purge", description: "also delete the table and bucket stackctl created (data)" }],
  async run({ ctx, deps, options }) {
    const purge = options.purge === true;
    const { down } = await import("../engine/down.ts");
    const outcome = await down(ctx, deps, purge);
    const prefix = ctx.dryRun ? "Would remove" : "Removed";
    return {
      data: { stack: ctx.config.stack, purge, dryRun: ctx.dryRun, ...outcome },
      summary: [
        "",
        `${prefix}: ${outcome.removed.length > 0 ? outcome.removed.join(", ") : "nothing"}${outcome.emulatorStopped ? "; stopped the emulator" : ""}.`,
        ...(outcome.kept.length > 0 ? [`Kept: ${outcome.kept.join(", ")}.`] : []),
      ],
    };
  },
};
