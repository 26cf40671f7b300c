import { mkdir, readdir, readFile, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { itemChecksum } from "../src/engine/fixtures/checksum.ts";
import { decideSeed } from "../src/engine/fixtures/decide.ts";
import { loadFixtures } from "../src/engine/fixtures/load.ts";
import { describeTally } from "../src/engine/fixtures/tally.ts";
import { StackctlError } from "../src/errors.ts";
import { tempDirs } from "./support/capture-io.ts";
import { failureOf } from "./support/failure.ts";

const repoFixtures = fileURLToPath(new URL("../../fixtures/", import.meta.url));
const dirs = tempDirs();
afterEach(() => dirs.cleanup());

describe("fixtures", () => {
  it("loads the repository's items (incl. a Unicode sku) and a text and a binary file", async () => {
    const fixtures = await loadFixtures(repoFixtures);
    expect(fixtures.items.map(({ item }) => item.sku)).toContain("ÄPFEL-7");
    expect(fixtures.files.map((file) => file.name)).toEqual(["pixel.png", "sample.txt"]);
    const png = fixtures.files.find((file) => file.name === "pixel.png");
    expect(png?.body.subarray(0, 4)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47]));
  });

  it("rejects an item the service could not store, naming it", async () => {
    const dir = await dirs.make();
    await writeFile(
      path.join(dir, "items.json"),
      JSON.stringify([{ sku: "A", name: "x", quantity: -1, priceCents: 1 }]),
    );
    const error = await loadFixtures(dir).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(StackctlError);
    expect((error as StackctlError).message).toContain("item 0.quantity");
  });

  it.each([
    {
      field: "sku",
      item: { sku: "A\u0308PFEL", name: "x", quantity: 1, priceCents: 1 },
      why: "decomposed Unicode",
    },
    { field: "sku", item: { sku: "has space", name: "x", quantity: 1, priceCents: 1 }, why: "a space" },
    {
      field: "name",
      item: { sku: "A", name: " padded ", quantity: 1, priceCents: 1 },
      why: "untrimmed name",
    },
    {
      field: "quantity",
      item: { sku: "A", name: "x", quantity: 1.5, priceCents: 1 },
      why: "fractional quantity",
    },
  ])("rejects what the service would refuse: $why", async ({ field, item }) => {
    const dir = await dirs.make();
    await writeFile(path.join(dir, "items.json"), JSON.stringify([item]));
    await expect(loadFixtures(dir)).rejects.toThrow(`item 0.${field}`);
  });

  it("accepts SKUs in any script, with digits of any script", async () => {
    const dir = await dirs.make();
    const items = [{ sku: "商品-٣", name: "x", quantity: 0, priceCents: 0 }];
    await writeFile(path.join(dir, "items.json"), JSON.stringify(items));
    expect((await loadFixtures(dir)).items.map(({ item }) => item.sku)).toEqual(["商品-٣"]);
  });

  it("rejects duplicate skus", async () => {
    const dir = await dirs.make();
    const item = { sku: "A", name: "x", quantity: 1, priceCents: 1 };
    await writeFile(path.join(dir, "items.json"), JSON.stringify([item, item]));
    await mkdir(path.join(dir, "files"));
    await expect(loadFixtures(dir)).rejects.toThrow("duplicate sku A");
  });

  it("names an unreadable fixture file as FIXTURES_UNREADABLE with a permissions hint, not a bug", async () => {
    const dir = await dirs.make();
    await mkdir(path.join(dir, "files"));
    await writeFile(path.join(dir, "files", "secret.txt"), "x");
    const denied = Object.assign(new Error("EACCES: permission denied, open 'secret.txt'"), {
      code: "EACCES",
    });
    const fs = {
      readFile: async (file: string) => {
        if (file.endsWith("secret.txt")) throw denied;
        return readFile(file);
      },
      readdir: (folder: string) => readdir(folder, { withFileTypes: true }),
      stat: (file: string) => stat(file),
    };
    const error = await failureOf(loadFixtures(dir, { fs }));
    expect(error.code).toBe("FIXTURES_UNREADABLE");
    expect(error.exitCode).toBe(1);
    expect(error.message).toBe(
      `Cannot read fixtures at ${path.join(dir, "files", "secret.txt")}: EACCES: permission denied, open 'secret.txt'`,
    );
    expect(error.hint).toContain("permissions");
  });

  it("reports items.json that is a folder as unreadable, not as invalid items", async () => {
    const dir = await dirs.make();
    await mkdir(path.join(dir, "items.json"));
    const error = await failureOf(loadFixtures(dir));
    expect(error.code).toBe("FIXTURES_UNREADABLE");
    expect(error.message).toContain(path.join(dir, "items.json"));
  });

  it("fails on an explicitly chosen folder that does not exist; only the default may be absent", async () => {
    const missing = path.join(await dirs.make(), "nope");
    const error = await failureOf(loadFixtures(missing, { explicit: true }));
    expect(error.code).toBe("FIXTURES_UNREADABLE");
    expect(error.message).toBe(`Cannot read fixtures at ${missing}: no such folder`);
    expect(await loadFixtures(missing)).toEqual({ items: [], files: [] });
  });

  it("checksums content only, not the service's updatedAt/version", () => {
    const base = { sku: "A", name: "x", quantity: 1, priceCents: 2 };
    const stored: Parameters<typeof itemChecksum>[0] & Record<string, unknown> = {
      ...base,
      version: 7,
      updatedAt: "2026-01-01",
    };
    expect(itemChecksum(stored)).toBe(itemChecksum(base));
    expect(itemChecksum({ ...base, quantity: 2 })).not.toBe(itemChecksum(base));
  });
});

describe("seed decisions protect user changes", () => {
  const fixture = "F";
  it.each([
    { current: undefined, recorded: undefined, reset: false, expected: "create", why: "missing → restore" },
    { current: "F", recorded: "F", reset: false, expected: "unchanged", why: "same content" },
    {
      current: "OLD",
      recorded: "OLD",
      reset: false,
      expected: "update",
      why: "fixture moved on, user did not touch it",
    },
    { current: "USER", recorded: "F0", reset: false, expected: "keep", why: "user changed it" },
    {
      current: "USER",
      recorded: undefined,
      reset: false,
      expected: "keep",
      why: "unknown origin counts as the user's",
    },
    { current: "USER", recorded: "F0", reset: true, expected: "update", why: "--reset overwrites" },
  ] as const)("$why", ({ current, recorded, reset, expected }) => {
    expect(decideSeed({ fixture, current, recorded, reset })).toBe(expected);
  });
});

describe("seed tallies read right", () => {
  it("are past tense after a real run and conditional in a plan", () => {
    const tally = { created: 5, updated: 1, unchanged: 2, kept: ["SKU-1"] };
    expect(describeTally("items", tally, false)).toBe(
      "items: created 5, updated 1, 2 unchanged, 1 kept (changed by a user)",
    );
    expect(describeTally("items", tally, true)).toBe(
      "items: would create 5, would update 1, 2 unchanged, 1 kept (changed by a user)",
    );
  });
});
