import { invalid } from "./errors.ts";

export const MAX_PRICE_CENTS = 100_000_000_000; // one billion in major units
const DECIMAL_PRICE = /^(\d{1,9})(?:\.(\d{1,2}))?$/;
const MAX_DECIMAL_PRICE = "999999999.99"; // the largest DECIMAL_PRICE

/** Integer cents, as stored. */
export function parsePriceCents(raw: unknown, field = "priceCents"): number {
  if (typeof raw !== "number" || !Number.isSafeInteger(raw) || raw < 0 || raw > MAX_PRICE_CENTS) {
    throw invalid(field, `${field} must be a whole number of cents from 0 to ${MAX_PRICE_CENTS}`);
  }
  return raw;
}

function centsOfDecimal(text: string): number | undefined {
  const match = DECIMAL_PRICE.exec(text);
  if (match === null) return undefined;
  const [, units = "0", fraction = ""] = match;
  // Whole digits only, so this arithmetic is exact: no binary fraction is ever multiplied.
  return Number(units) * 100 + Number(fraction.padEnd(2, "0"));
}

/** A decimal string such as "12.34", read digit by digit. */
export function parseDecimalPrice(raw: unknown, field = "price"): number {
  const cents = typeof raw === "string" ? centsOfDecimal(raw) : undefined;
  if (cents === undefined) {
    throw invalid(
      field,
      `${field} must be a decimal string such as "12.34" (or send priceCents as an integer)`,
    );
  }
  return cents;
}

/**
 * A JSON number such as 19.99, which is what clients of the seed's API send. The decision is made
 * on the number's shortest round-trip decimal form (what `String(n)` gives, ECMA-262
 * Number::toString), never on `n * 100`: 19.99 * 100 is 1998.9999999999998 and 1.005 * 100 is
 * 100.49999999999999, yet "19.99" has two decimals and "1.005" three. Exponent forms ("1e+21",
 * "1e-7") are out of range or have too many decimals, so the decimal pattern refuses them too.
 */
export function parseNumericPrice(raw: unknown, field = "price"): number {
  // `String(-0)` is "0": a JSON -0 is zero, not a negative price.
  const cents = typeof raw === "number" ? centsOfDecimal(String(raw)) : undefined;
  if (cents === undefined) {
    throw invalid(
      field,
      `${field} must be a number from 0 to ${MAX_DECIMAL_PRICE} with at most two decimals, such as 12.34 (or send priceCents as an integer)`,
    );
  }
  return cents;
}

/** `price` as a client sends it: a JSON number (19.99) or a decimal string ("19.99"). */
export function parsePrice(raw: unknown, field = "price"): number {
  if (typeof raw === "number") return parseNumericPrice(raw, field);
  if (typeof raw === "string") return parseDecimalPrice(raw, field);
  throw invalid(
    field,
    `${field} must be a number such as 12.34 or a decimal string such as "12.34" (or send priceCents as an integer)`,
  );
}

export function formatPrice(cents: number): string {
  const units = Math.floor(cents / 100);
  return `${units}.${String(cents % 100).padStart(2, "0")}`;
}
