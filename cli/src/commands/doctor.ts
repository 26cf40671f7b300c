import type { CommandDefinition } from "./command.ts";

export const doctorCommand: CommandDefinition = {
  name: "doctor",
  description: "check Node, Docker, compose, the emulator, ports and the auth token; print fixes",
  options: [],
  async run({ ctx, deps }) {
    const [{ doctor }, { checkEvent, doctorOutput }] = await Promise.all([
      import("../engine/doctor.ts"),
      import("../report/doctor-data.ts"),
    ]);
    const checks = await doctor(ctx, deps);
    for (const check of checks) ctx.emit(checkEvent(check));
    return doctorOutput(checks, ctx.config);
  },
};
