import type { AwsClients } from "../../adapters/aws-clients.ts";
import { shellLine } from "../shell-quote.ts";
import { awsCli, errorName, type Inspection, type ProvisionTarget, stackTagKey } from "./resource.ts";

export interface TableSpec {
  name: string;
  stack: string;
  endpoint: string;
  region: string;
}

/** The inventory table: `sku` string hash key, on-demand billing, tagged with the stack. */
export function tableTarget(clients: AwsClients, spec: TableSpec): ProvisionTarget {
  const cli = awsCli(spec.endpoint, spec.region);
  const table = ["--table-name", spec.name];
  return {
    kind: "table",
    name: spec.name,
    async inspect(signal): Promise<Inspection> {
      const { DescribeTableCommand, ListTagsOfResourceCommand } = await import("@aws-sdk/client-dynamodb");
      const dynamo = await clients.dynamo();
      try {
        const described = await dynamo.send(new DescribeTableCommand({ TableName: spec.name }), {
          abortSignal: signal,
        });
        const arn = described.Table?.TableArn;
        if (arn === undefined) return { exists: true };
        const tags = await dynamo.send(new ListTagsOfResourceCommand({ ResourceArn: arn }), {
          abortSignal: signal,
        });
        const stackTag = tags.Tags?.find((tag) => tag.Key === stackTagKey)?.Value;
        return { exists: true, arn, ...(stackTag === undefined ? {} : { stackTag }) };
      } catch (error) {
        if (errorName(error) === "ResourceNotFoundException") return { exists: false };
        throw error;
      }
    },
    async create() {
      const { CreateTableCommand } = await import("@aws-sdk/client-dynamodb");
      const dynamo = await clients.dynamo();
      const created = await dynamo.send(
        new CreateTableCommand({
          TableName: spec.name,
          AttributeDefinitions: [{ AttributeName: "sku", AttributeType: "S" }],
          KeySchema: [{ AttributeName: "sku", KeyType: "HASH" }],
          BillingMode: "PAY_PER_REQUEST",
          Tags: [{ Key: stackTagKey, Value: spec.stack }],
        }),
      );
      const arn = created.TableDescription?.TableArn;
      return arn === undefined ? {} : { arn };
    },
    async waitUntilReady(signal) {
      const { waitUntilTableExists } = await import("@aws-sdk/client-dynamodb");
      await waitUntilTableExists(
        { client: await clients.dynamo(), maxWaitTime: 120, abortSignal: signal },
        { TableName: spec.name },
      );
    },
    async remove(signal) {
      const { DeleteTableCommand, waitUntilTableNotExists } = await import("@aws-sdk/client-dynamodb");
      const dynamo = await clients.dynamo();
      await dynamo.send(new DeleteTableCommand({ TableName: spec.name }));
      await waitUntilTableNotExists(
        { client: dynamo, maxWaitTime: 120, abortSignal: signal },
        { TableName: spec.name },
      );
    },
    createCommands: () => [
      shellLine(
        ...cli,
        "dynamodb",
        "create-table",
        ...table,
        "--attribute-definitions",
        "AttributeName=sku,AttributeType=S",
        "--key-schema",
        "AttributeName=sku,KeyType=HASH",
        "--billing-mode",
        "PAY_PER_REQUEST",
        "--tags",
        `Key=${stackTagKey},Value=${spec.stack}`,
      ),
      shellLine(...cli, "dynamodb", "wait", "table-exists", ...table),
    ],
    removeCommands: () => [
      shellLine(...cli, "dynamodb", "delete-table", ...table),
      shellLine(...cli, "dynamodb", "wait", "table-not-exists", ...table),
    ],
  };
}
