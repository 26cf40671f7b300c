import { AwsClients } from "../../src/adapters/aws-clients.ts";
import { awsPortsOver } from "../../src/adapters/aws-ports.ts";
import type { AwsPorts } from "../../src/engine/ports.ts";

/** SDK clients for the test's own checks of what stackctl did in the emulator. */
export function emulatorClients(endpoint: string): AwsClients {
  return new AwsClients({
    endpoint,
    region: "us-east-1",
    credentials: { accessKeyId: "test", secretAccessKey: "test" },
  });
}

/** The product's AWS ports over the test's clients (closing them is the clients' owner's job). */
export function portsOver(clients: AwsClients): AwsPorts {
  return awsPortsOver(clients);
}

export async function tableExists(clients: AwsClients, name: string): Promise<boolean> {
  const { DescribeTableCommand } = await import("@aws-sdk/client-dynamodb");
  return (await clients.dynamo()).send(new DescribeTableCommand({ TableName: name })).then(
    () => true,
    (error: Error) => {
      if (error.name === "ResourceNotFoundException") return false;
      throw error;
    },
  );
}

export async function bucketExists(clients: AwsClients, name: string): Promise<boolean> {
  const { HeadBucketCommand } = await import("@aws-sdk/client-s3");
  return (await clients.s3()).send(new HeadBucketCommand({ Bucket: name })).then(
    () => true,
    (error: { $metadata?: { httpStatusCode?: number } }) => {
      if (error.$metadata?.httpStatusCode === 404) return false;
      throw error;
    },
  );
}

export async function getItem(
  clients: AwsClients,
  table: string,
  sku: string,
): Promise<Record<string, unknown> | undefined> {
  const { GetCommand } = await import("@aws-sdk/lib-dynamodb");
  const got = await (await clients.documents()).send(
    new GetCommand({ TableName: table, Key: { sku }, ConsistentRead: true }),
  );
  return got.Item;
}

export async function putItem(
  clients: AwsClients,
  table: string,
  item: Record<string, unknown>,
): Promise<void> {
  const { PutCommand } = await import("@aws-sdk/lib-dynamodb");
  await (await clients.documents()).send(new PutCommand({ TableName: table, Item: item }));
}

export async function getObject(clients: AwsClients, bucket: string, key: string): Promise<Buffer> {
  const { GetObjectCommand } = await import("@aws-sdk/client-s3");
  const got = await (await clients.s3()).send(new GetObjectCommand({ Bucket: bucket, Key: key }));
  return Buffer.from((await got.Body?.transformToByteArray()) ?? []);
}

export async function putObject(
  clients: AwsClients,
  bucket: string,
  key: string,
  body: string,
): Promise<void> {
  const { PutObjectCommand } = await import("@aws-sdk/client-s3");
  await (await clients.s3()).send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body }));
}

export async function createBucket(clients: AwsClients, bucket: string): Promise<void> {
  const { CreateBucketCommand } = await import("@aws-sdk/client-s3");
  await (await clients.s3()).send(new CreateBucketCommand({ Bucket: bucket }));
}
