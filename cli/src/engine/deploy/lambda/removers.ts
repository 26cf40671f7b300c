import type { Removal, RemovalTools, Remover } from "../../down/remover.ts";
import type { Labels } from "../../ports.ts";
import { stackTagKey } from "../../stack-labels.ts";
import type { RecordedResource } from "../../state/ledger-schema.ts";
import { permissionSid } from "./invoke-permission.ts";
import { type LambdaPorts, lambdaPorts } from "./lambda-ports.ts";

/**
 * A lambda-mode resource in the emulator, deleted only while it carries the stack's tag; what is
 * already gone is `already-gone`. `find` answers its tags (undefined: gone).
 */
function awsRemover(
  holdsData: boolean,
  find: (ports: LambdaPorts, resource: RecordedResource) => Promise<Labels | undefined>,
  remove: (ports: LambdaPorts, resource: RecordedResource) => Promise<void>,
): Remover {
  return {
    holdsData,
    needsAws: true,
    async remove(resource, { ctx, aws }: RemovalTools): Promise<Removal> {
      if (aws === undefined) throw new Error(`remove.${resource.kind} ran without an emulator connection`);
      const ports = await lambdaPorts(aws.clients);
      const tags = await find(ports, resource);
      if (tags === undefined)
        return ctx.dryRun
          ? { result: "would-find-gone", message: "already gone" }
          : { result: "already-gone", message: `${resource.name} was already gone` };
      if (tags[stackTagKey] !== ctx.config.stack)
        return {
          result: "kept",
          why: `not tagged ${stackTagKey}=${ctx.config.stack} at ${aws.endpoint}; not deleted`,
        };
      if (ctx.dryRun) {
        const target = `${resource.kind} ${resource.name}`;
        ctx.emit({ step: `remove.${resource.kind}`, status: "plan", action: "delete", target });
        return { result: "would-remove", message: "would delete" };
      }
      await remove(ports, resource);
      return { result: "removed", message: `deleted ${resource.name}` };
    },
  };
}

/** A function with its invoke permission (its containers go with it; its log group with `down`'s sweep). */
export const functionRemover = awsRemover(
  false,
  async (ports, resource) => (await ports.functions.get(resource.name))?.tags,
  async (ports, resource) => {
    await ports.functions.removePermission(resource.name, permissionSid);
    await ports.functions.remove(resource.name);
  },
);

export const roleRemover = awsRemover(
  false,
  async (ports, resource) => (await ports.roles.get(resource.name))?.tags,
  (ports, resource) => ports.roles.remove(resource.name),
);

/**
 * The ECR repository: kept like data, so only `down --purge` removes it (the images stackctl pushed
 * into it go with every `down`, through the lambda teardown).
 */
export const repositoryRemover = awsRemover(
  true,
  async (ports, resource) => (await ports.registry.findRepository(resource.name))?.tags,
  (ports, resource) => ports.registry.removeRepository(resource.name),
);
