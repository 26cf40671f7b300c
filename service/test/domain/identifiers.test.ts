import { describe, expect, it } from "vitest";
import { DomainError } from "../../src/domain/errors.ts";
import { parseFilename } from "../../src/domain/filename.ts";
import { parseSku } from "../../src/domain/sku.ts";

function fieldOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    if (error instanceof DomainError) return error.field;
    throw error;
  }
  return undefined;
}

describe("SKUs", () => {
  it.each(["SKU-1", "a.b_c-d", "東京-42", "Käse", "हिंदी-1", "x".repeat(64)])("accepts %s", (sku) => {
    expect(parseSku(sku)).toBe(sku);
  });

  it("stores the composed (NFC) form so both spellings find the same item", () => {
    expect(parseSku("Ka\u0308se")).toBe("K\u00e4se");
  });

  it.each(["", ".", "..", ".a", "-a", "x".repeat(65), "a b", "a/b", "a%b", "a\u0000", "emoji🍮", 42, null])(
    "refuses %j on field sku",
    (sku) => {
      expect(fieldOf(() => parseSku(sku))).toBe("sku");
    },
  );
});

describe("file names", () => {
  it.each(["sample.txt", "résumé 東京.pdf", ".hidden", "a.b.c", "x".repeat(200), "é".repeat(100)])(
    "accepts %s",
    (name) => {
      expect(parseFilename(name)).toBe(name);
    },
  );

  it.each([
    "",
    ".",
    "..",
    "a..b",
    "../etc/passwd",
    "a/b",
    "a\\b",
    "a\u0000b",
    "a\nb",
    "a\u007fb",
    "a\u0085b",
    "x".repeat(201),
    "é".repeat(101),
    "a\u202etxt.exe",
    "a\u200bb",
    "a\u2028b",
    "a\ud800b",
  ])("refuses %j", (name) => {
    expect(fieldOf(() => parseFilename(name))).toBe("filename");
  });
});
