import type { StackctlError } from "../../errors.ts";

export { stackTagKey } from "../stack-labels.ts";

export type ResourceKind = "table" | "bucket";

/** Which table or bucket, for which stack, on which emulator (the endpoint and region for --explain). */
export interface ResourceSpec {
  name: string;
  stack: string;
  endpoint: string;
  region: string;
}

export type Inspection =
  | { exists: false }
  | {
      exists: true;
      arn?: string;
      stackTag?: string;
      /** Set when it exists but cannot serve the service (e.g. a table keyed on something else). */
      unusable?: StackctlError;
    };

/** One provisionable thing (table, bucket): how to look at it, create it, remove it, explain it. */
export interface ProvisionTarget {
  kind: ResourceKind;
  name: string;
  inspect(signal: AbortSignal): Promise<Inspection>;
  /** Creates and tags it; returns its ARN when the API gives one. */
  create(): Promise<{ arn?: string }>;
  waitUntilReady(signal: AbortSignal): Promise<void>;
  /** Deletes it (a bucket is emptied first) and waits until it is gone. */
  remove(signal: AbortSignal): Promise<void>;
  createCommands(): string[];
  removeCommands(): string[];
}

/**
 * `awslocal` for the standard port, otherwise the plain AWS CLI with the endpoint spelled out; the
 * region is always explicit. Returns arguments, to be quoted by `shellLine`.
 */
export function awsCli(endpoint: string, region: string): string[] {
  const cli = /^http:\/\/(localhost|127\.0\.0\.1):4566$/.test(endpoint)
    ? ["awslocal"]
    : ["aws", "--endpoint-url", endpoint];
  return [...cli, "--region", region];
}
