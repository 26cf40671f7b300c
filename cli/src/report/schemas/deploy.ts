import { z } from "zod";
import type { ContainerDeployData } from "../../engine/modes/container/result-schema.ts";
import type { LambdaDeployData } from "../../engine/modes/lambda/result-schema.ts";
import { modeEntries } from "../../engine/modes/table.ts";

const planned = z.strictObject({ status: z.literal("planned"), detail: z.string().min(1) });

/** A deployed block of a mode the table does not name statically (one registered at run time). */
type OtherModeData = { status: "deployed"; mode: string; retired: string[]; [field: string]: unknown };

/**
 * `up`'s `deploy` object: what the deploy step did, in the schema of the mode that did it (its
 * entry in `engine/modes/table.ts`), or planned under --dry-run.
 */
export const deployData: z.ZodType<
  ContainerDeployData | LambdaDeployData | OtherModeData | z.infer<typeof planned>
> = z.lazy(() => {
  const [first, ...rest] = modeEntries().map((entry) => entry.resultSchema);
  if (first === undefined) return planned;
  return z.union([planned, first, ...rest]);
});

export type DeployData = z.infer<typeof deployData>;
