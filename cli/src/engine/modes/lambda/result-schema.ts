import { z } from "zod";
import { smokeCheck } from "../../../report/schemas/smoke.ts";

/** `up`'s `deploy` object in lambda mode (README "Lambda mode"). */
export const lambdaDeployed = z.strictObject({
  status: z.literal("deployed"),
  mode: z.literal("lambda"),
  package: z.enum(["image", "zip"]),
  /** Why this package: the flag, or what `auto` found the emulator can do. */
  packageWhy: z.string().min(1),
  apiIdFixed: z.boolean(),
  /** What `GET /` reports: the content hash of the image or zip. */
  version: z.string().min(1),
  function: z.strictObject({
    name: z.string(),
    arn: z.string(),
    change: z.enum(["created", "unchanged"]),
    codeSha256: z.string(),
    imageUri: z.string().nullable(),
  }),
  role: z.strictObject({
    name: z.string(),
    arn: z.string(),
    change: z.enum(["created", "unchanged", "assumed"]),
  }),
  image: z
    .strictObject({
      tag: z.string(),
      change: z.enum(["built", "unchanged"]),
      pushed: z.string(),
      pushChange: z.enum(["pushed", "unchanged"]),
      digest: z.string(),
    })
    .nullable(),
  zip: z.strictObject({ bytes: z.number().int().positive(), codeSha256: z.string() }).nullable(),
  api: z.strictObject({ id: z.string(), change: z.enum(["created", "updated", "unchanged"]) }),
  /** Null when nothing was deployed (the function was already warm). */
  coldStart: z
    .strictObject({
      ms: z.number().int().nonnegative(),
      source: z.enum(["init-duration", "measured"]),
      invokeMs: z.number().int().nonnegative(),
    })
    .nullable(),
  warmLatencyMs: z.number().int().nonnegative(),
  smoke: z.array(smokeCheck),
  /** Older functions and their pushed images, removed once the API pointed at the new one. */
  retired: z.array(z.string()),
});

export type LambdaDeployData = z.infer<typeof lambdaDeployed>;
