import type { ResourceKind } from "../provision/resource.ts";
import type { Ledger, OwnedResource } from "../state/ledger-schema.ts";

export type RecordedResource = OwnedResource & { kind: ResourceKind; retired: boolean };

/** Every table and bucket the ledger knows: the configured ones, then those config no longer names. */
export function ownedResources(ledger: Ledger): RecordedResource[] {
  const current: RecordedResource[] = [];
  if (ledger.resources.table !== undefined)
    current.push({ ...ledger.resources.table, kind: "table", retired: false });
  if (ledger.resources.bucket !== undefined)
    current.push({ ...ledger.resources.bucket, kind: "bucket", retired: false });
  return [...current, ...ledger.retired.map((old) => ({ ...old, retired: true }))];
}

/** Drops a deleted resource from the ledger, with the fixture checksums that described its content. */
export function forget(ledger: Ledger, resource: RecordedResource): void {
  if (resource.retired) {
    ledger.retired = ledger.retired.filter(
      (old) => !(old.kind === resource.kind && old.name === resource.name),
    );
    return;
  }
  delete ledger.resources[resource.kind];
  if (resource.kind === "table") ledger.fixtures.items = {};
  else ledger.fixtures.files = {};
}
