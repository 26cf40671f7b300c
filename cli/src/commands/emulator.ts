import { defineCommand, noOptions } from "./command.ts";

export const emulatorCommand = defineCommand({
  name: "emulator",
  description:
    "start or stop the managed emulator alone (--emulator localstack|ministack, --emulator-port), outside any deploy",
  arguments: "<action>",
  options: [],
  readOptions: noOptions,
  async run({ ctx, deps, args }) {
    const { emulatorCommand: run } = await import("../engine/emulator-command.ts");
    const data = await run(ctx, deps, args[0]);
    const verb =
      data.action === "start"
        ? data.changed
          ? "started"
          : "reusing"
        : data.changed
          ? "stopped"
          : "nothing to stop:";
    const pid = data.pid === null ? "" : ` (pid ${data.pid}; log ${data.log ?? ""})`;
    return { data, summary: ["", `${verb} ${data.kind} at ${data.endpoint}${pid}`] };
  },
});
