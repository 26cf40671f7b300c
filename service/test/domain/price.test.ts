import { describe, expect, it } from "vitest";
import { DomainError } from "../../src/domain/errors.ts";
import {
  formatPrice,
  parseDecimalPrice,
  parseNumericPrice,
  parsePrice,
  parsePriceCents,
} from "../../src/domain/price.ts";

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

  // 19.99, 1.1, 4.35, 0.07, 0.29 and 1.15 are each off by a fraction of a cent when multiplied by 100.
  it.each([
    [19.99, 1999],
    [0.1, 10],
    [1.1, 110],
    [1e-2, 1],
    [4.35, 435],
    [0.07, 7],
    [0.29, 29],
    [1.15, 115],
    [2.5, 250],
    [7, 700],
    [0, 0],
    [-0, 0],
    [999_999_999.99, 99_999_999_999],
  ])("reads the JSON number %d as %i cents", (value, cents) => {
    expect(parseNumericPrice(value)).toBe(cents);
    expect(parsePrice(value)).toBe(cents);
  });

  it.each([
    [1.005, "three decimals (1.005 * 100 rounds to 100.49999999999999)"],
    [2.675, "three decimals"],
    [0.1 + 0.2, "0.30000000000000004"],
    [1e-7, "a small number printed with an exponent"],
    [-1, "negative"],
    [-0.01, "negative"],
    [1_000_000_000, "above the largest price"],
    [Number.MAX_SAFE_INTEGER + 2, "9007199254740993, beyond exact integers (reads as 9007199254740992)"],
    [1e21, "huge, printed with an exponent"],
    [Number.NaN, "NaN"],
    [Number.POSITIVE_INFINITY, "infinite"],
  ])("refuses the JSON number %d as a price: %s", (value) => {
    expect(() => parsePrice(value)).toThrowError(/price must be a number .* at most two decimals/);
    expect(() => parsePrice(value)).toThrow(expect.objectContaining({ field: "price" }));
  });

  it("reads a price sent either way, and refuses any other JSON type", () => {
    expect(parsePrice("19.99")).toBe(parsePrice(19.99));
    for (const value of [null, true, [19.99], { amount: 19.99 }]) {
      expect(() => parsePrice(value)).toThrowError(
        /price must be a number such as 12.34 or a decimal string/,
      );
    }
  });

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
