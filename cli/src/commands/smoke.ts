import { defineCommand } from "./command.ts";

export const smokeCommand = defineCommand({
  name: "smoke",
  description: "check the deployed service end to end through its API URL (exit 4 when a check fails)",
  options: [{ flags: "--url <url>", description: "check this base URL instead of the stack's API" }],
  readOptions: (parsed) => ({
    url: typeof parsed.url === "string" ? parsed.url.replace(/\/+$/, "") : undefined,
  }),
  async run({ ctx, deps, options: { url } }) {
    const [{ smoke }, { smokeOutput }] = await Promise.all([
      import("../engine/smoke/smoke-command.ts"),
      import("../report/smoke-data.ts"),
    ]);
    return smokeOutput(await smoke(ctx, deps, url), ctx.config);
  },
});
