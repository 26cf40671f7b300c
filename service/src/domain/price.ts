import { invalid } from "./errors.ts";

export const MAX_PRICE_CENTS = 100_000_000_000; // one billion in major units
const DECIMAL_PRICE = /^(\d{1,9})(?:\.(\d{1,2}))?$/;

/** Integer cents, as stored. */
export function parsePriceCents(raw: unknown, field = "priceCents"): number {
  if (typeof raw !== "number" || !Number.isSafeInteger(raw) || raw < 0 || raw > MAX_PRICE_CENTS) {
    throw invalid(field, `${field} must be a whole number of cents from 0 to ${MAX_PRICE_CENTS}`);
  }
  return raw;
}

/**
 * A decimal string such as "12.34". A JSON number is refused on purpose: 0.1 + 0.2 style
 * rounding has no place in prices, and integer cents have their own field.
 */
export function parseDecimalPrice(raw: unknown, field = "price"): number {
  const match = typeof raw === "string" ? DECIMAL_PRICE.exec(raw) : null;
  if (match === null) {
    throw invalid(
      field,
      `${field} must be a decimal string such as "12.34" (or send priceCents as an integer)`,
    );
  }
  const [, units = "0", fraction = ""] = match;
  return Number(units) * 100 + Number(fraction.padEnd(2, "0"));
}

export function formatPrice(cents: number): string {
  const units = Math.floor(cents / 100);
  return `${units}.${String(cents % 100).padStart(2, "0")}`;
}
