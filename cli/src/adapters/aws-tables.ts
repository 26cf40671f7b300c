import type { AttributeValue } from "@aws-sdk/client-dynamodb";
import type { Tables } from "../engine/ports.ts";
import { countPages } from "../shared/count-pages.ts";
import type { AwsClients } from "./aws-clients.ts";
import { isNotFound } from "./aws-not-found.ts";

const sdk = () => import("@aws-sdk/client-dynamodb");
const documentSdk = () => import("@aws-sdk/lib-dynamodb");

/** DynamoDB through the SDK: the table's shape and tags, create/remove with waiters, items, counts. */
export function createTables(clients: AwsClients): Tables {
  return {
    async names(signal) {
      const { ListTablesCommand } = await sdk();
      const dynamo = await clients.dynamo();
      const names: string[] = [];
      let start: string | undefined;
      do {
        const page = await dynamo.send(new ListTablesCommand({ ExclusiveStartTableName: start }), {
          abortSignal: signal,
        });
        names.push(...(page.TableNames ?? []));
        start = page.LastEvaluatedTableName;
      } while (start !== undefined);
      return names;
    },
    async describe(name, signal) {
      const { DescribeTableCommand, ListTagsOfResourceCommand } = await sdk();
      const dynamo = await clients.dynamo();
      try {
        const { Table: table } = await dynamo.send(new DescribeTableCommand({ TableName: name }), {
          abortSignal: signal,
        });
        const types = new Map(
          (table?.AttributeDefinitions ?? []).map((a) => [a.AttributeName, a.AttributeType]),
        );
        const key = (table?.KeySchema ?? []).map((entry) => ({
          name: entry.AttributeName ?? "",
          type: types.get(entry.AttributeName) ?? "?",
          keyType: entry.KeyType ?? "?",
        }));
        const arn = table?.TableArn;
        if (arn === undefined) return { arn, key, tags: {} };
        const listed = await dynamo.send(new ListTagsOfResourceCommand({ ResourceArn: arn }), {
          abortSignal: signal,
        });
        const tags = Object.fromEntries((listed.Tags ?? []).map((tag) => [tag.Key ?? "", tag.Value ?? ""]));
        return { arn, key, tags };
      } catch (error) {
        if (isNotFound(error)) return undefined;
        throw error;
      }
    },
    async create({ name, hashKey, tags }) {
      const { CreateTableCommand } = await sdk();
      const created = await (await clients.dynamo()).send(
        new CreateTableCommand({
          TableName: name,
          AttributeDefinitions: [{ AttributeName: hashKey, AttributeType: "S" }],
          KeySchema: [{ AttributeName: hashKey, KeyType: "HASH" }],
          BillingMode: "PAY_PER_REQUEST",
          Tags: Object.entries(tags).map(([Key, Value]) => ({ Key, Value })),
        }),
      );
      return { arn: created.TableDescription?.TableArn };
    },
    async waitExists(name, signal) {
      const { waitUntilTableExists } = await sdk();
      await waitUntilTableExists(
        { client: await clients.dynamo(), maxWaitTime: 120, abortSignal: signal },
        { TableName: name },
      );
    },
    async remove(name, signal) {
      const { DeleteTableCommand, waitUntilTableNotExists } = await sdk();
      const dynamo = await clients.dynamo();
      await dynamo.send(new DeleteTableCommand({ TableName: name }));
      await waitUntilTableNotExists(
        { client: dynamo, maxWaitTime: 120, abortSignal: signal },
        { TableName: name },
      );
    },
    async count(name, bound) {
      const { ScanCommand } = await sdk();
      const dynamo = await clients.dynamo();
      try {
        return await countPages<Record<string, AttributeValue>>(async (start, abortSignal) => {
          const page = await dynamo.send(
            new ScanCommand({ TableName: name, Select: "COUNT", ExclusiveStartKey: start }),
            { abortSignal },
          );
          return { count: page.Count ?? 0, next: page.LastEvaluatedKey };
        }, bound);
      } catch (error) {
        if (isNotFound(error)) return undefined;
        throw error;
      }
    },
    async getItem(table, key, signal) {
      const { GetCommand } = await documentSdk();
      const got = await (await clients.documents()).send(
        new GetCommand({ TableName: table, Key: key, ConsistentRead: true }),
        { abortSignal: signal },
      );
      return got.Item;
    },
    async putItem(table, item) {
      const { PutCommand } = await documentSdk();
      await (await clients.documents()).send(new PutCommand({ TableName: table, Item: item }));
    },
  };
}
