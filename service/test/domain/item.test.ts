import { describe, expect, it } from "vitest";
import { DomainError } from "../../src/domain/errors.ts";
import { parseNewItem, parseReplacement, toView } from "../../src/domain/item.ts";
import { parseLimit } from "../../src/domain/paging.ts";

const good = { sku: "SKU-1", name: "  Widget ", quantity: 2, priceCents: 1999 };

function errorOf(fn: () => unknown): DomainError {
  try {
    fn();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error("expected a DomainError");
}

describe("new items", () => {
  it("accepts integer cents or a decimal string, and trims the name", () => {
    expect(parseNewItem(good)).toEqual({ sku: "SKU-1", name: "Widget", quantity: 2, priceCents: 1999 });
    expect(parseNewItem({ sku: "S", name: "n", quantity: 0, price: "19.99" }).priceCents).toBe(1999);
  });

  it("accepts price as a JSON number with at most two decimals, stored as integer cents", () => {
    expect(parseNewItem({ sku: "S", name: "n", quantity: 0, price: 19.99 }).priceCents).toBe(1999);
    expect(
      parseNewItem({ sku: "S", name: "n", quantity: 0, price: 19.99, priceCents: 1999 }).priceCents,
    ).toBe(1999);
  });

  it("names price when a numeric price has three decimals or disagrees with priceCents", () => {
    expect(errorOf(() => parseNewItem({ sku: "S", name: "n", quantity: 0, price: 1.005 }))).toMatchObject({
      kind: "validation",
      field: "price",
    });
    const disagreeing = errorOf(() => parseNewItem({ ...good, price: 19.98 }));
    expect(disagreeing).toMatchObject({ kind: "validation", field: "price" });
    expect(disagreeing.message).toBe("price 19.98 and priceCents 1999 disagree");
  });

  it.each([
    [{ ...good, quantity: -1 }, "quantity"],
    [{ ...good, quantity: 2.5 }, "quantity"],
    [{ ...good, quantity: 1_000_000_001 }, "quantity"],
    [{ ...good, name: "   " }, "name"],
    [{ ...good, name: "n".repeat(201) }, "name"],
    [{ sku: "S", name: "n", quantity: 1 }, "priceCents"],
    [{ ...good, version: 3 }, "version"],
    [{ ...good, colour: "red" }, "colour"],
    [[], "body"],
    ["text", "body"],
  ])("refuses %j naming field %s", (body, field) => {
    expect(errorOf(() => parseNewItem(body))).toMatchObject({ kind: "validation", field });
  });
});

describe("replacements", () => {
  it("takes the version from the body and ignores echoed read-only fields", () => {
    const echoed = {
      ...toView({ ...good, name: "Widget", updatedAt: "2026-01-01T00:00:00Z", version: 4 }),
      quantity: 9,
    };
    expect(parseReplacement(echoed, "SKU-1")).toEqual({
      fields: { name: "Widget", quantity: 9, priceCents: 1999 },
      version: 4,
    });
  });

  it("refuses a body whose SKU differs from the path", () => {
    expect(errorOf(() => parseReplacement({ ...good, sku: "OTHER" }, "SKU-1")).field).toBe("sku");
  });

  it("refuses a version below 1", () => {
    expect(errorOf(() => parseReplacement({ ...good, version: 0 }, "SKU-1")).field).toBe("version");
  });
});

describe("page sizes", () => {
  it("defaults to 25 and accepts 1..100", () => {
    expect(parseLimit(undefined)).toBe(25);
    expect(parseLimit("1")).toBe(1);
    expect(parseLimit("100")).toBe(100);
  });

  it.each(["0", "101", "-1", "1.5", "ten", ["1", "2"]])("refuses %j", (raw) => {
    expect(errorOf(() => parseLimit(raw)).field).toBe("limit");
  });
});
