import type { AttributeValue, Ledger, RecordedResource, ResourceKind } from "./ledger-schema.ts";
import type { LedgerWriter } from "./ledger-writer.ts";

/** What a step knows about a resource it just created or found; the ledger adds the rest. */
export interface ResourceRecord {
  kind: ResourceKind;
  name: string;
  id?: string;
  arn?: string;
  ownedByStackctl: boolean;
  /** Default `active`. */
  state?: RecordedResource["state"];
  attributes?: Record<string, AttributeValue>;
}

const same = (kind: ResourceKind, name: string) => (resource: RecordedResource) =>
  resource.kind === kind && resource.name === name;

/**
 * The resource of `kind` named `name`, whatever its state; without a name, the active one of that
 * kind (for kinds that have one at a time, such as the configured table).
 */
export function findResource(
  ledger: Ledger,
  kind: ResourceKind,
  name?: string,
): RecordedResource | undefined {
  if (name !== undefined) return ledger.resources.find(same(kind, name));
  return ledger.resources.find((resource) => resource.kind === kind && resource.state === "active");
}

export function activeOf(ledger: Ledger, kind: ResourceKind): RecordedResource[] {
  return ledger.resources.filter((resource) => resource.kind === kind && resource.state === "active");
}

export function retiredOf(ledger: Ledger, kind: ResourceKind): RecordedResource[] {
  return ledger.resources.filter((resource) => resource.kind === kind && resource.state === "retired");
}

/** Newest first by `recordedAt`: later resources may depend on earlier ones (a function on its role). */
export function newestFirst(resources: readonly RecordedResource[]): RecordedResource[] {
  // Ties keep the later-recorded one first, as it was appended after.
  return resources
    .map((resource, index) => ({ resource, index }))
    .sort((a, b) => b.resource.recordedAt.localeCompare(a.resource.recordedAt) || b.index - a.index)
    .map(({ resource }) => resource);
}

/**
 * Inserts or replaces (by kind + name) in memory; an existing entry keeps its place in the list.
 * Use `recordResource` to also save: in-memory changes alone are lost on a crash.
 */
export function upsertResource(ledger: Ledger, record: ResourceRecord, now = new Date()): RecordedResource {
  const resource: RecordedResource = {
    kind: record.kind,
    name: record.name,
    ...(record.id === undefined ? {} : { id: record.id }),
    ...(record.arn === undefined ? {} : { arn: record.arn }),
    ownedByStackctl: record.ownedByStackctl,
    recordedAt: now.toISOString(),
    state: record.state ?? "active",
    attributes: record.attributes ?? {},
  };
  const index = ledger.resources.findIndex(same(record.kind, record.name));
  const existing = index === -1 ? undefined : ledger.resources[index];
  // recordedAt is when it was first recorded: down removes newest first, in creation order.
  if (existing !== undefined && existing.id === resource.id) resource.recordedAt = existing.recordedAt;
  if (index === -1) ledger.resources.push(resource);
  else ledger.resources[index] = resource;
  return resource;
}

/** Marks a recorded resource retired (still ours, no longer configured); returns whether it was there. */
export function retireResource(ledger: Ledger, kind: ResourceKind, name: string): boolean {
  const resource = ledger.resources.find(same(kind, name));
  if (resource === undefined) return false;
  resource.state = "retired";
  return true;
}

/** Drops a resource from the ledger (in memory), e.g. once it is deleted or no longer ours to track. */
export function forgetResource(ledger: Ledger, kind: ResourceKind, name: string): void {
  ledger.resources = ledger.resources.filter((resource) => !same(kind, name)(resource));
}

/**
 * The one way a step records what it changed in the world: upsert by kind + name, then save at
 * once, so the ledger never lags the world by more than the call that just returned.
 */
export async function recordResource(state: LedgerWriter, record: ResourceRecord): Promise<RecordedResource> {
  const resource = upsertResource(state.ledger, record);
  await state.save();
  return resource;
}
