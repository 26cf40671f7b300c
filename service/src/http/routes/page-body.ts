/** A page of results as JSON: `{<key>: [...], nextCursor?}`, the cursor only when there is more. */
export function pageBody<T>(
  key: string,
  items: T[],
  nextCursor: string | undefined,
): Record<string, unknown> {
  return nextCursor === undefined ? { [key]: items } : { [key]: items, nextCursor };
}
