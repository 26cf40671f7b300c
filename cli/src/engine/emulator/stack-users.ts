import type { AwsPorts } from "../ports.ts";
import { stackTagKey } from "../stack-labels.ts";

/** Every stackctl function name starts so (function-spec.ts `functionPrefix`). */
const functionNames = "stackctl-";

/**
 * The stacks other than `stack` that have something in this emulator: a table, bucket, function or
 * REST API tagged `stackctl:stack=<theirs>`. Read from the emulator itself, so a stack whose ledger
 * is in another project folder counts as much as one beside this stack's.
 */
export async function otherStackUsers(aws: AwsPorts, stack: string, signal: AbortSignal): Promise<string[]> {
  const users = new Set<string>();
  const note = (tags: Record<string, string> | undefined) => {
    const owner = tags?.[stackTagKey];
    if (owner !== undefined && owner !== stack) users.add(owner);
  };
  for (const name of await aws.tables.names(signal)) note((await aws.tables.describe(name, signal))?.tags);
  for (const name of await aws.buckets.names(signal)) note((await aws.buckets.inspect(name, signal))?.tags);
  for (const fn of await aws.functions.list(functionNames)) note(fn.tags);
  for (const api of await aws.restApis.list()) note(api.tags);
  return [...users].sort();
}
