import { z } from "zod";
import { smokeCheck } from "../../../report/schemas/smoke.ts";

/** `up`'s `deploy` object in container mode. */
export const containerDeployed = z.strictObject({
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

export type ContainerDeployData = z.infer<typeof containerDeployed>;
