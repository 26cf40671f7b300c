import { defineCommand } from "./command.ts";

export const downCommand = defineCommand({
  name: "down",
  description: "remove what stackctl created for the stack (--purge also drops the table and bucket)",
  options: [{ flags: "--purge", description: "also delete the table and bucket stackctl created (data)" }],
  readOptions: (parsed) => ({ purge: parsed.purge === true }),
  async run({ ctx, deps, options: { purge } }) {
    const [{ down }, { downOutput }] = await Promise.all([
      import("../engine/down.ts"),
      import("../report/down-data.ts"),
    ]);
    return downOutput(await down(ctx, deps, purge), ctx.config, { purge, dryRun: ctx.dryRun });
  },
});
