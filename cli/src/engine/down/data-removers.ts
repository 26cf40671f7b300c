import type { AwsClients } from "../../adapters/aws-clients.ts";
import { bucketTarget } from "../provision/bucket.ts";
import { type ProvisionTarget, stackTagKey } from "../provision/resource.ts";
import { tableTarget } from "../provision/table.ts";
import type { Removal, Remover } from "./remover.ts";

interface DataSpec {
  name: string;
  stack: string;
  endpoint: string;
  region: string;
}

/** Table and bucket: deleted only when they still carry this stack's tag where we look. */
function dataRemover(
  targetFor: (clients: AwsClients, spec: DataSpec) => ProvisionTarget,
  fixtures: "items" | "files",
): Remover {
  return {
    holdsData: true,
    needsAws: true,
    async remove(resource, { ctx, aws }): Promise<Removal> {
      // down connects before the first remover that needs AWS; reaching here without is a bug.
      if (aws === undefined) throw new Error(`remove.${resource.kind} ran without an emulator connection`);
      const spec = {
        name: resource.name,
        stack: ctx.config.stack,
        endpoint: aws.endpoint,
        region: ctx.config.region,
      };
      const target = targetFor(aws.clients, spec);
      const step = `remove.${target.kind}`;
      const label = `${target.kind} ${target.name}`;
      if (ctx.explain) ctx.emit({ step, status: "explain", commands: target.removeCommands() });
      const inspection = await target.inspect(ctx.signal);
      if (inspection.exists && inspection.stackTag !== ctx.config.stack) {
        const why = `not tagged ${stackTagKey}=${ctx.config.stack} at ${aws.endpoint}; not deleted`;
        if (ctx.dryRun) ctx.emit({ step, status: "plan", action: "keep", target: label, message: why });
        return { result: "kept", why };
      }
      if (ctx.dryRun) {
        ctx.emit({ step, status: "plan", action: inspection.exists ? "delete" : "unchanged", target: label });
        return inspection.exists
          ? { result: "would-remove", message: "would delete" }
          : { result: "would-find-gone", message: "already gone" };
      }
      if (!inspection.exists) return { result: "already-gone", message: `${target.name} was already gone` };
      await target.remove(ctx.signal);
      return { result: "removed", message: `deleted ${target.name}` };
    },
    forgetAlso(ledger, resource) {
      // The checksums describe the configured table's and bucket's content, not a retired one's.
      if (resource.state === "active") ledger.fixtures[fixtures] = {};
    },
  };
}

export const tableRemover = dataRemover(tableTarget, "items");
export const bucketRemover = dataRemover(bucketTarget, "files");
