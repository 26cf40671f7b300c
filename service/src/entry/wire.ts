import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { S3Client } from "@aws-sdk/client-s3";
import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import type { Express } from "express";
import { type Logger, pino } from "pino";
import { DynamoDbInventoryRepository } from "../adapters/dynamodb-inventory-repository.ts";
import { S3FileStore, s3ClientOptions } from "../adapters/s3-file-store.ts";
import { createApp, type RunMode } from "../http/app.ts";
import type { ServiceConfig } from "./config.ts";

export function createLogger(config: Pick<ServiceConfig, "logLevel">, mode: RunMode): Logger {
  return pino({ level: config.logLevel, base: { service: "inventory", mode } });
}

/** Clients → adapters → app, from a checked config. Clients are built once per process. */
export function wireApp(
  config: ServiceConfig,
  mode: RunMode,
  logger: Logger,
  limits: { maxDownloadBytes?: number } = {},
): Express {
  const { region, dynamoEndpoint, s3Endpoint } = config;
  const dynamo = DynamoDBDocumentClient.from(
    new DynamoDBClient({ region, ...(dynamoEndpoint === undefined ? {} : { endpoint: dynamoEndpoint }) }),
    { marshallOptions: { removeUndefinedValues: true } },
  );
  // Emulators serve buckets by path; virtual-hosted names need DNS they may not have.
  const s3 = new S3Client({
    ...s3ClientOptions,
    region,
    ...(s3Endpoint === undefined ? {} : { endpoint: s3Endpoint, forcePathStyle: true }),
  });
  return createApp({
    repository: new DynamoDbInventoryRepository(dynamo, config.tableName),
    fileStore: new S3FileStore(s3, config.bucket),
    logger,
    mode,
    version: config.version,
    maxUploadBytes: config.maxUploadBytes,
    ...limits,
  });
}
