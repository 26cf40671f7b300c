import { z } from "zod";

/** `stackctl emulator start|stop`. */
export const emulatorCommandData = z.strictObject({
  action: z.enum(["start", "stop"]),
  kind: z.string(),
  endpoint: z.string(),
  version: z.string().nullable(),
  /** start: this run started it; stop: this run stopped it. */
  changed: z.boolean(),
  pid: z.int().nullable(),
  log: z.string().nullable(),
});

export type EmulatorCommandData = z.infer<typeof emulatorCommandData>;
