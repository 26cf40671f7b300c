import type { CommandDefinition } from "./command.ts";

export const smokeCommand: CommandDefinition = {
  name: "smoke",
  description: "check the deployed service end to end through its API URL (exit 4 when a check fails)",
  options: [{ flags: "--url <url>", description: "check this base URL instead of the stack's API" }],
  async run({ ctx, deps, options }) {
    const { smoke } = await import("../engine/smoke/smoke-command.ts");
    const url = typeof options.url === "string" ? options.url.replace(/\/+$/, "") : undefined;
    const report = await smoke(ctx, deps, url);
    return {
      data: {
        stack: ctx.config.stack,
        url: report.url,
        version: report.version ?? null,
        mode: report.mode ?? null,
        checks: report.checks,
        timings: report.timings,
      },
      summary: [
        "",
        `Smoke: ${report.checks.length} checks passed at ${report.url} (${report.mode ?? "?"} mode, version ${report.version ?? "?"}).`,
      ],
    };
  },
};
