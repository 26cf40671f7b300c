import { defineCommand } from "./command.ts";

export const seedCommand = defineCommand({
  name: "seed",
  description: "seed fixture items and files; keeps items a user changed unless --reset",
  options: [{ flags: "--reset", description: "overwrite fixtures a user changed" }],
  readOptions: (parsed) => ({ reset: parsed.reset === true }),
  async run({ ctx, deps, options: { reset } }) {
    const [{ seed }, { seedOutput }] = await Promise.all([
      import("../engine/seed.ts"),
      import("../report/seed-data.ts"),
    ]);
    return seedOutput(await seed(ctx, deps, reset), ctx.config, { reset, dryRun: ctx.dryRun });
  },
});
