import type { CommandDefinition } from "./command.ts";

export const seedCommand: CommandDefinition = {
  name: "seed",
  description: "seed fixture items and files; keeps items a user changed unless --reset",
  options: [{ flags: "--reset", description: "overwrite fixtures a user changed" }],
  async run({ ctx, deps, options }) {
    const reset = options.reset === true;
    const [{ seed }, { describeTally }] = await Promise.all([
      import("../engine/seed.ts"),
      import("../engine/fixtures/tally.ts"),
    ]);
    const outcome = await seed(ctx, deps, reset);
    const { items, files } = outcome.fixtures;
    return {
      data: {
        stack: ctx.config.stack,
        reset,
        dryRun: ctx.dryRun,
        fixtures: outcome.fixtures,
        timings: outcome.timings,
      },
      summary: [
        "",
        `Stack ${ctx.config.stack}${ctx.dryRun ? " (dry run: nothing was changed)" : ""}:`,
        `  ${describeTally("items", items, ctx.dryRun)}`,
        `  ${describeTally("files", files, ctx.dryRun)}`,
      ],
    };
  },
};
