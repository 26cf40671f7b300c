import { z } from "zod";

export const check = z.strictObject({
  name: z.string().min(1),
  verdict: z.enum(["pass", "warn", "fail"]),
  detail: z.string(),
  /** What to do about it; empty when it passes. */
  fix: z.string(),
});

export const doctorData = z.strictObject({ stack: z.string(), checks: z.array(check) });

export type DoctorData = z.infer<typeof doctorData>;
