import { invalid } from "../domain/errors.ts";

/** Cursors are base64url JSON, opaque to clients, checked on the way back in. */
export function encodeCursor(value: Record<string, string>): string {
  return Buffer.from(JSON.stringify(value), "utf8").toString("base64url");
}

export function decodeCursor(cursor: string, keys: readonly string[]): Record<string, string> {
  const bad = () => invalid("cursor", "cursor is not one this service issued; start again without it");
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    throw bad();
  }
  if (typeof parsed !== "object" || parsed === null) throw bad();
  const record = parsed as Record<string, unknown>;
  const result: Record<string, string> = {};
  for (const key of keys) {
    const value = record[key];
    if (typeof value !== "string" || value.length === 0) throw bad();
    result[key] = value;
  }
  return result;
}
