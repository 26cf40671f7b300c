import type { EngineContext } from "../context.ts";
import type { AwsPorts, EnginePorts } from "../ports.ts";
import type { Ledger, RecordedResource, ResourceKind } from "../state/ledger-schema.ts";

/**
 * What a remover may use. `aws` is connected once by `down`, only if some remover needs it;
 * `deps` carries the container engine (`deps.containerEngine()`), and `aws.ports` come from `deps.aws`,
 * so tests reach removers through the same fakes as deploy steps.
 */
export interface RemovalTools {
  /** Points at the emulator the ledger recorded unless the user named another. */
  ctx: EngineContext;
  aws: { ports: AwsPorts; endpoint: string } | undefined;
  deps: EnginePorts;
}

/** How one removal ended. `kept` says why in words a user reads ("not tagged …; not deleted"). */
export type Removal =
  | { result: "removed" | "already-gone"; message: string }
  | { result: "would-remove" | "would-find-gone"; message: string }
  | { result: "kept"; why: string };

/**
 * Removes one recorded resource of its kind. Idempotent: a resource that is already gone is
 * `already-gone`, not an error. It honours --dry-run (plans, changes nothing) and --explain, and
 * never deletes what is not provably this stack's.
 */
export interface Remover {
  /** Holds user data (table, bucket): only `down --purge` removes it. */
  holdsData: boolean;
  /** Needs the emulator's AWS APIs (then `down` connects before the first removal). */
  needsAws: boolean;
  remove(resource: RecordedResource, tools: RemovalTools): Promise<Removal>;
  /** Other ledger entries that described the resource (fixture checksums), dropped with it. */
  forgetAlso?(ledger: Ledger, resource: RecordedResource): void;
}

/** `undefined`: stackctl cannot remove that kind yet, so `down` keeps it and says so. */
export type RemoverRegistry = Record<ResourceKind, Remover | undefined>;
