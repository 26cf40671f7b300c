import type { Labels } from "../ports.ts";
import { stackTagKey } from "../stack-labels.ts";
import type { Ledger, RecordedResource } from "../state/ledger-schema.ts";
import type { Removal, RemovalTools, Remover } from "./remover.ts";

/** Removal tools once `down` has connected to the emulator. */
export type ConnectedTools = RemovalTools & { aws: NonNullable<RemovalTools["aws"]> };

export interface TaggedKind {
  /** Holds user data (table, bucket, repository): only `down --purge` removes it. */
  holdsData: boolean;
  /** Why it cannot be looked up at all (e.g. recorded without an id); undefined when it can. */
  unaddressable?: (resource: RecordedResource) => string | undefined;
  /** What messages call it (default: its name). */
  label?: (resource: RecordedResource) => string;
  /** Its tags where it lives; undefined when it is gone. */
  find: (resource: RecordedResource, tools: ConnectedTools) => Promise<Labels | undefined>;
  remove: (resource: RecordedResource, tools: ConnectedTools) => Promise<void>;
  /** The CLI commands `--explain` shows for the removal. */
  explain?: (resource: RecordedResource, tools: ConnectedTools) => string[];
  forgetAlso?: (ledger: Ledger, resource: RecordedResource) => void;
}

/**
 * A resource in the emulator's AWS APIs, deleted only while it carries this stack's tag where we
 * look. Gone is `already-gone`, not an error; --dry-run plans and changes nothing.
 */
export function taggedRemover(kind: TaggedKind): Remover {
  return {
    holdsData: kind.holdsData,
    needsAws: true,
    ...(kind.forgetAlso === undefined ? {} : { forgetAlso: kind.forgetAlso }),
    async remove(resource, { ctx, aws, deps }): Promise<Removal> {
      // down connects before the first remover that needs AWS; reaching here without is a bug.
      if (aws === undefined) throw new Error(`remove.${resource.kind} ran without an emulator connection`);
      const tools: ConnectedTools = { ctx, aws, deps };
      const step = `remove.${resource.kind}`;
      const name = kind.label?.(resource) ?? resource.name;
      const target = `${resource.kind} ${name}`;
      const unaddressable = kind.unaddressable?.(resource);
      if (unaddressable !== undefined) return { result: "kept", why: unaddressable };
      if (ctx.explain && kind.explain !== undefined)
        ctx.emit({ step, status: "explain", commands: kind.explain(resource, tools) });
      const tags = await kind.find(resource, tools);
      if (tags !== undefined && tags[stackTagKey] !== ctx.config.stack) {
        const why = `not tagged ${stackTagKey}=${ctx.config.stack} at ${aws.endpoint}; not deleted`;
        if (ctx.dryRun) ctx.emit({ step, status: "plan", action: "keep", target, message: why });
        return { result: "kept", why };
      }
      if (ctx.dryRun) {
        ctx.emit({ step, status: "plan", action: tags === undefined ? "unchanged" : "delete", target });
        return tags === undefined
          ? { result: "would-find-gone", message: "already gone" }
          : { result: "would-remove", message: "would delete" };
      }
      if (tags === undefined) return { result: "already-gone", message: `${name} was already gone` };
      await kind.remove(resource, tools);
      return { result: "removed", message: `deleted ${name}` };
    },
  };
}
