import type { CommandData } from "../types.ts";

/** A field of a command's data by path, as a string (null/absent → undefined); tolerant of shape changes. */
export function textAt(data: CommandData, ...path: string[]): string | undefined {
  const value = valueAt(data, ...path);
  return typeof value === "string" || typeof value === "number" ? String(value) : undefined;
}

export function valueAt(data: CommandData, ...path: string[]): unknown {
  let value: unknown = data;
  for (const key of path) {
    if (typeof value !== "object" || value === null) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}
