import { z } from "zod";
import { lambdaDeployed } from "../../engine/modes/lambda/result-schema.ts";
import { smokeCheck } from "./smoke.ts";

/** `up`'s `deploy` object: what the deploy step did (per mode), or planned under --dry-run. */
const deployed = z.strictObject({
  status: z.literal("deployed"),
  mode: z.literal("container"),
  /** Whether the emulator honours the id tag, so the API URL survives down/up. */
  apiIdFixed: z.boolean(),
  container: z.strictObject({
    id: z.string(),
    name: z.string(),
    change: z.enum(["started", "unchanged"]),
  }),
  image: z.strictObject({ tag: z.string(), change: z.enum(["built", "unchanged"]) }),
  api: z.strictObject({ id: z.string(), change: z.enum(["created", "updated", "unchanged"]) }),
  /** Set when the configured host port was busy and another was taken. */
  portNote: z.string().optional(),
  smoke: z.array(smokeCheck),
  /** Older containers and images removed once the API pointed at the new one. */
  retired: z.array(z.string()),
});

const planned = z.strictObject({ status: z.literal("planned"), detail: z.string().min(1) });

export const deployData = z.discriminatedUnion("status", [
  z.discriminatedUnion("mode", [deployed, lambdaDeployed]),
  planned,
]);

export type DeployData = z.infer<typeof deployData>;
