// AWS, by concern. `AwsPorts` is all of them against one emulator endpoint; adapter: adapters/aws-ports.ts.
import type { Buckets, Tables } from "./data.ts";
import type { Functions, Logs, Registry, Roles } from "./lambda.ts";
import type { RestApis } from "./rest-apis.ts";

export interface AwsTarget {
  endpoint: string;
  region: string;
  credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
  /** Told of every API operation sent, e.g. `DynamoDB.DescribeTable` (the engine counts them per step). */
  onCall?: (operation: string) => void;
}

export interface AwsPorts {
  tables: Tables;
  buckets: Buckets;
  restApis: RestApis;
  registry: Registry;
  functions: Functions;
  roles: Roles;
  logs: Logs;
  /** Closes the connections so the process can exit promptly. */
  close(): Promise<void>;
}
