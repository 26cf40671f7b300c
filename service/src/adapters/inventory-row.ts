import type { Item } from "../domain/item.ts";

/**
 * How an item is stored in DynamoDB: one row per item, keyed by `sku` (string hash key), with the
 * item's own fields as attributes. The CLI seeds fixture rows with these two functions, so a seeded
 * row and one the service wrote cannot drift apart.
 */
export type InventoryRow = Pick<Item, "sku" | "name" | "quantity" | "priceCents" | "updatedAt" | "version">;

// A row put by hand (e.g. `awslocal dynamodb put-item`) may lack the bookkeeping attributes;
// it reads as version 1, and a write expecting version 1 may take it over.
export const UNVERSIONED = 1;

export function toInventoryRow(item: Item): InventoryRow {
  const { sku, name, quantity, priceCents, updatedAt, version } = item;
  return { sku, name, quantity, priceCents, updatedAt, version };
}

export function fromInventoryRow(row: Record<string, unknown>): Item {
  return {
    sku: String(row.sku),
    name: String(row.name ?? ""),
    quantity: Number(row.quantity ?? 0),
    priceCents: Number(row.priceCents ?? 0),
    updatedAt: typeof row.updatedAt === "string" ? row.updatedAt : new Date(0).toISOString(),
    version: typeof row.version === "number" ? row.version : UNVERSIONED,
  };
}
