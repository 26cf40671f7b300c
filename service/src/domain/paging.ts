import { invalid } from "./errors.ts";

export interface PageQuery {
  limit: number;
  cursor?: string;
}

export const DEFAULT_PAGE_SIZE = 25;
export const MAX_PAGE_SIZE = 100;

/** A query-string value as Express hands it over: absent, one string, or repeated (an array). */
export type QueryValue = unknown;

export function parseLimit(raw: QueryValue): number {
  if (raw === undefined) return DEFAULT_PAGE_SIZE;
  const limit = typeof raw === "string" && /^\d{1,4}$/.test(raw) ? Number(raw) : Number.NaN;
  if (!(limit >= 1 && limit <= MAX_PAGE_SIZE)) {
    throw invalid("limit", `limit must be a whole number from 1 to ${MAX_PAGE_SIZE}`);
  }
  return limit;
}

export function parseCursor(raw: QueryValue): string | undefined {
  if (raw === undefined || raw === "") return undefined;
  if (typeof raw !== "string" || raw.length > 2048)
    throw invalid("cursor", "cursor must be one value from nextCursor");
  return raw;
}

/** `?limit=&cursor=` from a query string, checked. */
export function parsePageQuery(query: { limit?: QueryValue; cursor?: QueryValue }): PageQuery {
  const cursor = parseCursor(query.cursor);
  return cursor === undefined
    ? { limit: parseLimit(query.limit) }
    : { limit: parseLimit(query.limit), cursor };
}
