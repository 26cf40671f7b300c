import { PutCommand } from "@aws-sdk/lib-dynamodb";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DynamoDbInventoryRepository } from "../../src/adapters/dynamodb-inventory-repository.ts";
import { DomainError } from "../../src/domain/errors.ts";
import type { Item } from "../../src/domain/item.ts";
import { type EmbeddedAws, startEmbeddedAws, TABLE_NAME } from "../support/embedded-aws.ts";

let aws: EmbeddedAws;
let repository: DynamoDbInventoryRepository;

beforeAll(async () => {
  aws = await startEmbeddedAws();
  repository = new DynamoDbInventoryRepository(aws.dynamo, TABLE_NAME);
});
afterAll(() => aws?.stop());

const item = (sku: string, version = 1): Item => ({
  sku,
  name: `Item ${sku}`,
  quantity: 3,
  priceCents: 1299,
  updatedAt: "2026-11-21T10:00:00.000Z",
  version,
});

async function failure(promise: Promise<unknown>): Promise<DomainError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DomainError);
  return error as DomainError;
}

describe("DynamoDbInventoryRepository on dynalite", () => {
  it("creates, reads back and refuses a second create of the same SKU", async () => {
    await repository.create(item("A-1"));
    expect(await repository.get("A-1")).toEqual(item("A-1"));
    expect((await failure(repository.create(item("A-1")))).kind).toBe("already_exists");
  });

  it("returns undefined for an unknown SKU", async () => {
    expect(await repository.get("nope")).toBeUndefined();
  });

  it("replaces only at the expected version and tells a conflict from a missing item", async () => {
    await repository.create(item("R-1"));
    await repository.replace({ ...item("R-1", 2), quantity: 9 }, 1);
    expect(await repository.get("R-1")).toMatchObject({ quantity: 9, version: 2 });
    const conflict = await failure(repository.replace(item("R-1", 2), 1));
    expect(conflict.kind).toBe("version_conflict");
    expect(conflict.message).toContain("version 2");
    expect((await failure(repository.replace(item("R-missing", 2), 1))).kind).toBe("not_found");
  });

  it("deletes, optionally at a version, and reports a missing item", async () => {
    await repository.create(item("D-1"));
    expect((await failure(repository.delete("D-1", 7))).kind).toBe("version_conflict");
    await repository.delete("D-1", 1);
    expect(await repository.get("D-1")).toBeUndefined();
    expect((await failure(repository.delete("D-1"))).kind).toBe("not_found");
  });

  it("pages through every item exactly once with opaque cursors", async () => {
    const skus = Array.from({ length: 7 }, (_, i) => `P-${i}`);
    for (const sku of skus) await repository.create(item(sku));
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await repository.list({ limit: 3, cursor });
      seen.push(...page.items.map((i) => i.sku));
      cursor = page.nextCursor;
    } while (cursor !== undefined);
    expect(seen.filter((s) => s.startsWith("P-")).sort()).toEqual(skus);
    expect(new Set(seen).size).toBe(seen.length);
  });

  it("rejects a cursor it did not issue as a validation error on 'cursor'", async () => {
    const error = await failure(repository.list({ limit: 3, cursor: "not-a-cursor" }));
    expect(error).toMatchObject({ kind: "validation", field: "cursor" });
  });

  it("round-trips Unicode SKUs and names", async () => {
    const unicode = { ...item("Käse-東京-1"), name: "Crème brûlée 🍮" };
    await repository.create(unicode);
    expect(await repository.get("Käse-東京-1")).toEqual(unicode);
  });

  it("reads a row put by hand without version or updatedAt as version 1, which a write at version 1 takes over", async () => {
    await aws.dynamo.send(
      new PutCommand({
        TableName: TABLE_NAME,
        Item: { sku: "HAND-1", name: "By hand", quantity: 1, priceCents: 5 },
      }),
    );
    expect(await repository.get("HAND-1")).toEqual({
      sku: "HAND-1",
      name: "By hand",
      quantity: 1,
      priceCents: 5,
      updatedAt: "1970-01-01T00:00:00.000Z",
      version: 1,
    });
    await repository.replace(item("HAND-1", 2), 1);
    expect((await repository.get("HAND-1"))?.version).toBe(2);
  });
});
