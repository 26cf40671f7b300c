import { describe, expect, it } from "vitest";
import { DomainError } from "../../src/domain/errors.ts";
import { formatPrice, parseDecimalPrice, parsePriceCents } from "../../src/domain/price.ts";

describe("prices", () => {
  it.each([
    ["12.34", 1234],
    ["0.5", 50],
    ["7", 700],
    ["0.05", 5],
    ["999999999.99", 99_999_999_999],
  ])("reads the decimal string %s as %i cents", (text, cents) => {
    expect(parseDecimalPrice(text)).toBe(cents);
  });

  it.each([12.34, "12.345", "-1.00", "1,50", "", " 1.00", "1e3", null])(
    "refuses %j as a decimal price",
    (value) => {
      expect(() => parseDecimalPrice(value)).toThrow(DomainError);
    },
  );

  it.each([-1, 1.5, "100", Number.MAX_SAFE_INTEGER])("refuses %j as cents", (value) => {
    expect(() => parsePriceCents(value)).toThrowError(/whole number of cents/);
  });

  it.each([
    [0, "0.00"],
    [5, "0.05"],
    [1234, "12.34"],
    [100_000, "1000.00"],
  ])("formats %i cents as %s", (cents, text) => {
    expect(formatPrice(cents)).toBe(text);
  });
});
