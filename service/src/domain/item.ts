import { invalid } from "./errors.ts";
import { formatPrice, parsePrice, parsePriceCents } from "./price.ts";
import { parseSku } from "./sku.ts";

export interface Item {
  sku: string;
  name: string;
  quantity: number;
  priceCents: number;
  /** ISO-8601 instant of the last write. */
  updatedAt: string;
  /** Starts at 1, grows by one on every replace; used for optimistic concurrency. */
  version: number;
}

/** The fields a client sets; the rest are derived. */
export interface ItemFields {
  name: string;
  quantity: number;
  priceCents: number;
}

/** What clients see: the stored item plus the price as a decimal string. */
export type ItemView = Item & { price: string };

export const NAME_MAX_LENGTH = 200;
export const MAX_QUANTITY = 1_000_000_000;

// Fields a client may send back unchanged after a GET; they are ignored on write.
const READ_ONLY_FIELDS = new Set(["updatedAt"]);

type JsonObject = Record<string, unknown>;

function asObject(body: unknown): JsonObject {
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    throw invalid("body", "request body must be a JSON object");
  }
  return body as JsonObject;
}

function rejectUnknown(body: JsonObject, allowed: ReadonlySet<string>): void {
  for (const key of Object.keys(body)) {
    if (!allowed.has(key) && !READ_ONLY_FIELDS.has(key)) throw invalid(key, `unknown field '${key}'`);
  }
}

function parseName(raw: unknown): string {
  if (typeof raw !== "string") throw invalid("name", "name must be a string");
  const name = raw.trim();
  if (!name.isWellFormed())
    throw invalid("name", "name must be valid Unicode text (it has a lone surrogate)");
  if (name.length === 0 || [...name].length > NAME_MAX_LENGTH) {
    throw invalid("name", `name must be 1 to ${NAME_MAX_LENGTH} characters long`);
  }
  return name;
}

function parseQuantity(raw: unknown): number {
  if (typeof raw !== "number" || !Number.isSafeInteger(raw) || raw < 0 || raw > MAX_QUANTITY) {
    throw invalid("quantity", `quantity must be a whole number from 0 to ${MAX_QUANTITY}`);
  }
  return raw;
}

/** Either field may carry the price; when both come (e.g. a GET echoed back) they must agree. */
function priceCentsOf(body: JsonObject): number {
  const hasCents = body.priceCents !== undefined;
  const hasPrice = body.price !== undefined;
  if (!hasCents && !hasPrice)
    throw invalid(
      "priceCents",
      "priceCents (integer) or price (a number such as 12.34 or a decimal string) is required",
    );
  const cents = hasCents ? parsePriceCents(body.priceCents) : undefined;
  const fromPrice = hasPrice ? parsePrice(body.price) : undefined;
  if (cents !== undefined && fromPrice !== undefined && cents !== fromPrice) {
    throw invalid("price", `price ${JSON.stringify(body.price)} and priceCents ${cents} disagree`);
  }
  return cents ?? fromPrice ?? 0;
}

function parseFields(body: JsonObject): ItemFields {
  return {
    name: parseName(body.name),
    quantity: parseQuantity(body.quantity),
    priceCents: priceCentsOf(body),
  };
}

export function parseVersion(raw: unknown, field = "version"): number {
  if (typeof raw !== "number" || !Number.isSafeInteger(raw) || raw < 1) {
    throw invalid(field, `${field} must be a whole number from 1`);
  }
  return raw;
}

const CREATE_FIELDS = new Set(["sku", "name", "quantity", "priceCents", "price"]);
const REPLACE_FIELDS = new Set([...CREATE_FIELDS, "version"]);

export function parseNewItem(body: unknown): ItemFields & { sku: string } {
  const object = asObject(body);
  rejectUnknown(object, CREATE_FIELDS);
  if (object.version !== undefined) throw invalid("version", "version is set by the service on create");
  return { sku: parseSku(object.sku), ...parseFields(object) };
}

/** A full replacement of an item's fields; `sku` in the body, if any, must match the path. */
export function parseReplacement(
  body: unknown,
  sku: string,
): { fields: ItemFields; version: number | undefined } {
  const object = asObject(body);
  rejectUnknown(object, REPLACE_FIELDS);
  if (object.sku !== undefined && parseSku(object.sku) !== sku) {
    throw invalid("sku", "sku in the body must match the SKU in the path (SKUs cannot be renamed)");
  }
  const version = object.version === undefined ? undefined : parseVersion(object.version);
  return { fields: parseFields(object), version };
}

export function toView(item: Item): ItemView {
  return { ...item, price: formatPrice(item.priceCents) };
}
