import type { DescribeTableCommandOutput } from "@aws-sdk/client-dynamodb";
import type { AwsClients } from "../../adapters/aws-clients.ts";
import { StackctlError } from "../../errors.ts";
import { shellLine } from "../shell-quote.ts";
import { awsCli, errorName, type Inspection, type ProvisionTarget, stackTagKey } from "./resource.ts";

export interface TableSpec {
  name: string;
  stack: string;
  endpoint: string;
  region: string;
}

type TableDescription = NonNullable<DescribeTableCommandOutput["Table"]>;

/** The service reads and writes items by `sku` alone, so any other key makes the table unusable. */
function keyMismatch(name: string, table: TableDescription | undefined): { unusable?: StackctlError } {
  const keys = table?.KeySchema ?? [];
  const types = new Map((table?.AttributeDefinitions ?? []).map((a) => [a.AttributeName, a.AttributeType]));
  const [hash] = keys;
  if (
    keys.length === 1 &&
    hash?.AttributeName === "sku" &&
    hash.KeyType === "HASH" &&
    types.get("sku") === "S"
  )
    return {};
  const actual =
    keys
      .map((key) => `${key.AttributeName} (${types.get(key.AttributeName) ?? "?"}, ${key.KeyType})`)
      .join(" + ") || "(none reported)";
  return { unusable: new StackctlError("TABLE_KEY_MISMATCH", { table: name, actual }) };
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
        const unusable = keyMismatch(spec.name, described.Table);
        const arn = described.Table?.TableArn;
        if (arn === undefined) return { exists: true, ...unusable };
        const tags = await dynamo.send(new ListTagsOfResourceCommand({ ResourceArn: arn }), {
          abortSignal: signal,
        });
        const stackTag = tags.Tags?.find((tag) => tag.Key === stackTagKey)?.Value;
        return { exists: true, arn, ...(stackTag === undefined ? {} : { stackTag }), ...unusable };
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
