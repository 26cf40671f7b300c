import { defineCommand, noOptions } from "./command.ts";

export const doctorCommand = defineCommand({
  name: "doctor",
  description: "check Node, Docker, compose, the emulator, ports and the auth token; print fixes",
  options: [],
  readOptions: noOptions,
  async run({ ctx, deps }) {
    const [{ doctor }, { doctorOutput }] = await Promise.all([
      import("../engine/doctor.ts"),
      import("../report/doctor-data.ts"),
    ]);
    return doctorOutput(await doctor(ctx, deps), ctx.config);
  },
});
