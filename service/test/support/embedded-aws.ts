import { mkdtemp, rm } from "node:fs/promises";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { S3Client } from "@aws-sdk/client-s3";
import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import dynalite from "dynalite";
import S3rver from "s3rver";
import { s3ClientOptions } from "../../src/adapters/s3-file-store.ts";
import { createInventoryTable } from "./inventory-table.ts";

export const REGION = "us-east-1";
export const TABLE_NAME = "inventory-test";
export const BUCKET = "files-test";
// s3rver accepts only its own key pair; dynalite accepts any.
const credentials = { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" };

export interface EmbeddedAws {
  dynamoEndpoint: string;
  s3Endpoint: string;
  dynamo: DynamoDBDocumentClient;
  s3: S3Client;
  /** Environment for the service's entry points, pointing at these emulators. */
  serviceEnv: Record<string, string>;
  stop(): Promise<void>;
}

/**
 * DynamoDB (dynalite) and S3 (s3rver) speaking the real wire protocols, in this process, on
 * 127.0.0.1 with ports chosen by the OS.
 */
export async function startEmbeddedAws(): Promise<EmbeddedAws> {
  const dynamoServer = dynalite({ createTableMs: 0, deleteTableMs: 0 });
  await new Promise<void>((resolve) => dynamoServer.listen(0, "127.0.0.1", resolve));
  const dynamoEndpoint = `http://127.0.0.1:${(dynamoServer.address() as AddressInfo).port}`;

  const directory = await mkdtemp(join(tmpdir(), "s3rver-"));
  const s3rver = new S3rver({
    address: "127.0.0.1",
    port: 0,
    silent: true,
    directory,
    configureBuckets: [{ name: BUCKET }],
  });
  const { port } = await s3rver.run();
  const s3Endpoint = `http://127.0.0.1:${port}`;

  const rawDynamo = new DynamoDBClient({ region: REGION, endpoint: dynamoEndpoint, credentials });
  await createInventoryTable(rawDynamo, TABLE_NAME);

  const s3 = new S3Client({
    ...s3ClientOptions,
    region: REGION,
    endpoint: s3Endpoint,
    forcePathStyle: true,
    credentials,
  });
  return {
    dynamoEndpoint,
    s3Endpoint,
    dynamo: DynamoDBDocumentClient.from(rawDynamo),
    s3,
    serviceEnv: {
      TABLE_NAME,
      S3_BUCKET: BUCKET,
      AWS_REGION: REGION,
      AWS_ACCESS_KEY_ID: credentials.accessKeyId,
      AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey,
    },
    async stop() {
      rawDynamo.destroy();
      s3.destroy();
      await new Promise<void>((resolve) => dynamoServer.close(() => resolve()));
      await s3rver.close();
      await rm(directory, { recursive: true, force: true });
    },
  };
}
