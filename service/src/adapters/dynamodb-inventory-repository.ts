import { ConditionalCheckFailedException } from "@aws-sdk/client-dynamodb";
import {
  DeleteCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  ScanCommand,
} from "@aws-sdk/lib-dynamodb";
import { alreadyExists, itemNotFound, versionConflict } from "../domain/errors.ts";
import type { Item } from "../domain/item.ts";
import type { InventoryRepository, Page, PageRequest } from "../ports.ts";
import { decodeCursor, encodeCursor } from "./cursor.ts";
import { fromInventoryRow, toInventoryRow, UNVERSIONED } from "./inventory-row.ts";

/** Items live one per row, keyed by `sku` (string hash key); `inventory-row.ts` is the row format. */
export class DynamoDbInventoryRepository implements InventoryRepository {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async get(sku: string): Promise<Item | undefined> {
    const out = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: { sku }, ConsistentRead: true }),
    );
    return out.Item === undefined ? undefined : fromInventoryRow(out.Item);
  }

  async list({ limit, cursor }: PageRequest): Promise<Page<Item>> {
    const out = await this.client.send(
      new ScanCommand({
        TableName: this.tableName,
        Limit: limit,
        ExclusiveStartKey: cursor === undefined ? undefined : decodeCursor(cursor, ["sku"]),
      }),
    );
    const items = (out.Items ?? []).map(fromInventoryRow);
    const lastSku = out.LastEvaluatedKey?.sku;
    return typeof lastSku === "string" ? { items, nextCursor: encodeCursor({ sku: lastSku }) } : { items };
  }

  async create(item: Item): Promise<void> {
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: toInventoryRow(item),
          ConditionExpression: "attribute_not_exists(sku)",
        }),
      );
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) throw alreadyExists(item.sku);
      throw error;
    }
  }

  async replace(item: Item, expectedVersion: number): Promise<void> {
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: toInventoryRow(item),
          ConditionExpression: `attribute_exists(sku) AND ${versionMatches(expectedVersion)}`,
          ExpressionAttributeNames: { "#version": "version" },
          ExpressionAttributeValues: { ":expected": expectedVersion },
        }),
      );
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException)
        throw await this.whyConditionFailed(item.sku, expectedVersion);
      throw error;
    }
  }

  async delete(sku: string, expectedVersion?: number): Promise<void> {
    if (expectedVersion === undefined) {
      // Unconditional: what was there says whether anything was deleted, with no window for a race.
      const out = await this.client.send(
        new DeleteCommand({ TableName: this.tableName, Key: { sku }, ReturnValues: "ALL_OLD" }),
      );
      if (out.Attributes === undefined) throw itemNotFound(sku);
      return;
    }
    try {
      await this.client.send(
        new DeleteCommand({
          TableName: this.tableName,
          Key: { sku },
          ConditionExpression: `attribute_exists(sku) AND ${versionMatches(expectedVersion)}`,
          ExpressionAttributeNames: { "#version": "version" },
          ExpressionAttributeValues: { ":expected": expectedVersion },
        }),
      );
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException)
        throw await this.whyConditionFailed(sku, expectedVersion);
      throw error;
    }
  }

  /** A failed condition means the item is gone or moved on; a read tells which, for a precise answer. */
  private async whyConditionFailed(sku: string, expectedVersion: number): Promise<Error> {
    const current = await this.get(sku);
    return current === undefined ? itemNotFound(sku) : versionConflict(sku, expectedVersion, current.version);
  }
}

function versionMatches(expected: number): string {
  return expected === UNVERSIONED
    ? "(#version = :expected OR attribute_not_exists(#version))"
    : "#version = :expected";
}
