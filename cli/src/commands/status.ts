import { defineCommand, noOptions } from "./command.ts";
import { outputOption } from "./up.ts";

export const statusCommand = defineCommand({
  name: "status",
  description: "show what exists for the stack (read-only)",
  options: [outputOption],
  readOptions: noOptions,
  async run({ ctx, deps }) {
    const [{ status }, { statusOutput }] = await Promise.all([
      import("../engine/status.ts"),
      import("../report/status-data.ts"),
    ]);
    return statusOutput(await status(ctx, deps), ctx.config);
  },
});
