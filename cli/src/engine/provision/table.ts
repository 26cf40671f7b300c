import { StackctlError } from "../../errors.ts";
import type { TableInfo, Tables } from "../ports.ts";
import { shellLine } from "../shell-quote.ts";
import { awsCli, type Inspection, type ProvisionTarget, type ResourceSpec, stackTagKey } from "./resource.ts";

/** The service reads and writes items by `sku` alone, so any other key makes the table unusable. */
function keyMismatch(name: string, table: TableInfo): { unusable?: StackctlError } {
  const [hash] = table.key;
  if (table.key.length === 1 && hash?.name === "sku" && hash.keyType === "HASH" && hash.type === "S")
    return {};
  const actual =
    table.key.map((key) => `${key.name} (${key.type}, ${key.keyType})`).join(" + ") || "(none reported)";
  return { unusable: new StackctlError("TABLE_KEY_MISMATCH", { table: name, actual }) };
}

/** The inventory table: `sku` string hash key, on-demand billing, tagged with the stack. */
export function tableTarget(tables: Tables, spec: ResourceSpec): ProvisionTarget {
  const cli = awsCli(spec.endpoint, spec.region);
  const table = ["--table-name", spec.name];
  return {
    kind: "table",
    name: spec.name,
    async inspect(signal): Promise<Inspection> {
      const described = await tables.describe(spec.name, signal);
      if (described === undefined) return { exists: false };
      const unusable = keyMismatch(spec.name, described);
      const stackTag = described.tags[stackTagKey];
      return {
        exists: true,
        ...(described.arn === undefined ? {} : { arn: described.arn }),
        ...(stackTag === undefined ? {} : { stackTag }),
        ...unusable,
      };
    },
    async create() {
      const { arn } = await tables.create({
        name: spec.name,
        hashKey: "sku",
        tags: { [stackTagKey]: spec.stack },
      });
      return arn === undefined ? {} : { arn };
    },
    waitUntilReady: (signal) => tables.waitExists(spec.name, signal),
    remove: (signal) => tables.remove(spec.name, signal),
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
