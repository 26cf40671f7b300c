// Data: the inventory table (DynamoDB) and the files bucket (S3); adapters: adapters/aws-tables.ts, aws-buckets.ts.
import type { Count, CountBound } from "../../shared/count-pages.ts";
import type { Labels } from "./common.ts";

export interface TableInfo {
  arn: string | undefined;
  /** The key schema: attribute name, its type (S, N, B) and HASH or RANGE. */
  key: { name: string; type: string; keyType: string }[];
  tags: Labels;
}

export interface Tables {
  /** Every table's name (to see which stacks' tables an emulator holds). */
  names(signal: AbortSignal): Promise<string[]>;
  /** Undefined when there is no such table. */
  describe(name: string, signal: AbortSignal): Promise<TableInfo | undefined>;
  /** A string hash key, on-demand billing, tagged at creation. */
  create(input: { name: string; hashKey: string; tags: Labels }): Promise<{ arn: string | undefined }>;
  waitExists(name: string, signal: AbortSignal): Promise<void>;
  /** Deletes it and waits until it is gone. */
  remove(name: string, signal: AbortSignal): Promise<void>;
  /** Items, every page within the bound; undefined when there is no such table. */
  count(name: string, bound: CountBound): Promise<Count | undefined>;
  /** A consistent read of one item as plain values; undefined when absent. */
  getItem(
    table: string,
    key: Record<string, unknown>,
    signal: AbortSignal,
  ): Promise<Record<string, unknown> | undefined>;
  putItem(table: string, item: Record<string, unknown>): Promise<void>;
}

export interface Buckets {
  /** Every bucket's name. */
  names(signal: AbortSignal): Promise<string[]>;
  /** Its tags ({} when it has none); undefined when there is no such bucket. */
  inspect(name: string, signal: AbortSignal): Promise<{ tags: Labels } | undefined>;
  create(input: { name: string; region: string; tags: Labels }): Promise<void>;
  waitExists(name: string, signal: AbortSignal): Promise<void>;
  /** Empties it, deletes it and waits until it is gone. */
  remove(name: string, signal: AbortSignal): Promise<void>;
  /** Objects, every page within the bound; undefined when there is no such bucket. */
  count(name: string, bound: CountBound): Promise<Count | undefined>;
  headObject(
    bucket: string,
    key: string,
    signal: AbortSignal,
  ): Promise<{ etag: string; metadata: Record<string, string> } | undefined>;
  putObject(input: {
    bucket: string;
    key: string;
    body: Uint8Array;
    contentType: string;
    metadata: Record<string, string>;
  }): Promise<{ etag: string }>;
}
