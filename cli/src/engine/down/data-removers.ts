import type { Labels } from "../ports.ts";
import { bucketTarget } from "../provision/bucket.ts";
import type { ProvisionTarget } from "../provision/resource.ts";
import { tableTarget } from "../provision/table.ts";
import type { RecordedResource } from "../state/ledger-schema.ts";
import type { Remover } from "./remover.ts";
import { type ConnectedTools, taggedRemover } from "./tagged-remover.ts";

/** Table and bucket: deleted (the bucket emptied first) only while they carry this stack's tag. */
function dataRemover(
  find: (resource: RecordedResource, tools: ConnectedTools) => Promise<Labels | undefined>,
  targetOf: (resource: RecordedResource, tools: ConnectedTools) => ProvisionTarget,
  fixtures: "items" | "files",
): Remover {
  return taggedRemover({
    holdsData: true,
    find,
    remove: (resource, tools) => targetOf(resource, tools).remove(tools.ctx.signal),
    explain: (resource, tools) => targetOf(resource, tools).removeCommands(),
    forgetAlso(ledger, resource) {
      // The checksums describe the configured table's and bucket's content, not a retired one's.
      if (resource.state === "active") ledger.fixtures[fixtures] = {};
    },
  });
}

const specOf = (resource: RecordedResource, { ctx, aws }: ConnectedTools) => ({
  name: resource.name,
  stack: ctx.config.stack,
  endpoint: aws.endpoint,
  region: ctx.config.region,
});

export const tableRemover = dataRemover(
  async (resource, { ctx, aws }) => (await aws.ports.tables.describe(resource.name, ctx.signal))?.tags,
  (resource, tools) => tableTarget(tools.aws.ports.tables, specOf(resource, tools)),
  "items",
);
export const bucketRemover = dataRemover(
  async (resource, { ctx, aws }) => (await aws.ports.buckets.inspect(resource.name, ctx.signal))?.tags,
  (resource, tools) => bucketTarget(tools.aws.ports.buckets, specOf(resource, tools)),
  "files",
);
