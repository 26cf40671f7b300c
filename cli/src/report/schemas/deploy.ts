import { z } from "zod";
import { planActions } from "../../engine/events.ts";
import type { ContainerDeployData } from "../../engine/modes/container/result-schema.ts";
import type { LambdaDeployData } from "../../engine/modes/lambda/result-schema.ts";
import { type ModeEntry, modeEntries } from "../../engine/modes/table.ts";

const planned = z.strictObject({
  status: z.literal("planned"),
  /** "nothing would change", or each change ("would create container …, replace …"). */
  detail: z.string().min(1),
  /** Every deploy step's plan entry, in order. */
  steps: z.array(
    z.strictObject({
      step: z.string(),
      action: z.enum(planActions),
      target: z.string(),
      message: z.string().optional(),
    }),
  ),
});

/** A deployed block of a mode the table does not name statically (one registered at run time). */
type OtherModeData = { status: "deployed"; mode: string; retired: string[]; [field: string]: unknown };

type Deployed = Awaited<ReturnType<ModeEntry["resultSchema"]>>;
const loaded = new Map<ModeEntry, Deployed>();

/**
 * Loads the `deploy` schema of every mode in the table (each mode's own file, loaded lazily like
 * the mode). Done once below for the product's modes; again after a mode is registered.
 */
export async function loadDeploySchemas(): Promise<void> {
  for (const entry of modeEntries()) if (!loaded.has(entry)) loaded.set(entry, await entry.resultSchema());
}
await loadDeploySchemas();

/**
 * `up`'s `deploy` object: what the deploy step did, in the schema of the mode that did it (its
 * entry in `engine/modes/table.ts`), or planned under --dry-run.
 */
export const deployData: z.ZodType<
  ContainerDeployData | LambdaDeployData | OtherModeData | z.infer<typeof planned>
> = z.lazy(() => {
  const schemas = modeEntries().map((entry) => {
    const schema = loaded.get(entry);
    if (schema === undefined)
      throw new Error(`the deploy schema of mode ${entry.name} is not loaded: await loadDeploySchemas()`);
    return schema;
  });
  const [first, ...rest] = schemas;
  return first === undefined ? planned : z.union([planned, first, ...rest]);
});

export type DeployData = z.infer<typeof deployData>;
