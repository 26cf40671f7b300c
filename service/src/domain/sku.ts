import { invalid } from "./errors.ts";

export const SKU_MAX_LENGTH = 64;
// Letters (with their combining marks) and digits of any script, plus the separators SKUs commonly
// use; it starts with a letter or digit, so "." and ".." can never be SKUs (they would be path segments).
const SKU_PATTERN = /^[\p{L}\p{N}][\p{L}\p{M}\p{N}._-]*$/u;

/**
 * Validates a SKU and returns its canonical (NFC) form, so that the same SKU typed on
 * different systems finds the same item.
 */
export function parseSku(raw: unknown, field = "sku"): string {
  if (typeof raw !== "string") throw invalid(field, `${field} must be a string`, "invalid_sku");
  const sku = raw.normalize("NFC");
  const length = [...sku].length;
  if (length === 0 || length > SKU_MAX_LENGTH) {
    throw invalid(field, `${field} must be 1 to ${SKU_MAX_LENGTH} characters long`, "invalid_sku");
  }
  if (!SKU_PATTERN.test(sku)) {
    throw invalid(
      field,
      `${field} must start with a letter or digit and contain only letters, digits, '.', '_' and '-'`,
      "invalid_sku",
    );
  }
  return sku;
}
