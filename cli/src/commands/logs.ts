import type { CommandDefinition } from "./command.ts";

export const logsCommand: CommandDefinition = {
  name: "logs",
  description: "show the service's logs: the container's, or the function's CloudWatch logs",
  options: [
    { flags: "-f, --follow", description: "keep printing new lines until Ctrl-C" },
    { flags: "--since <when>", description: "only lines after a duration ago (30s, 10m, 2h) or a time" },
  ],
  async run({ ctx, deps, options }) {
    const { logs } = await import("../engine/logs/logs.ts");
    const outcome = await logs(ctx, deps, {
      follow: options.follow === true,
      since: typeof options.since === "string" ? options.since : undefined,
    });
    return { data: { stack: ctx.config.stack, ...outcome }, summary: [] };
  },
};
