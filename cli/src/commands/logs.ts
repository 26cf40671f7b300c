import { defineCommand } from "./command.ts";

export const logsCommand = defineCommand({
  name: "logs",
  description: "show the service's logs: the container's, or the function's CloudWatch logs",
  options: [
    { flags: "-f, --follow", description: "keep printing new lines until Ctrl-C" },
    { flags: "--since <when>", description: "only lines after a duration ago (30s, 10m, 2h) or a time" },
  ],
  readOptions: (parsed) => ({
    follow: parsed.follow === true,
    since: typeof parsed.since === "string" ? parsed.since : undefined,
  }),
  async run({ ctx, deps, options }) {
    const [{ logs }, { logsOutput }] = await Promise.all([
      import("../engine/logs/logs.ts"),
      import("../report/logs-data.ts"),
    ]);
    return logsOutput(await logs(ctx, deps, options), ctx.config);
  },
});
