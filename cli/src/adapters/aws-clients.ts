import type { APIGatewayClient } from "@aws-sdk/client-api-gateway";
import type { CloudWatchLogsClient } from "@aws-sdk/client-cloudwatch-logs";
import type { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import type { ECRClient } from "@aws-sdk/client-ecr";
import type { IAMClient } from "@aws-sdk/client-iam";
import type { LambdaClient } from "@aws-sdk/client-lambda";
import type { S3Client } from "@aws-sdk/client-s3";
import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import type { AwsTarget } from "../engine/ports.ts";

/**
 * SDK clients pointed at the emulator. Each SDK is imported on first use so `stackctl --help`
 * never loads it; retries are few and timeouts short because the emulator is local.
 */
export class AwsClients {
  private cache = new Map<string, Promise<unknown>>();

  constructor(readonly target: AwsTarget) {}

  private common() {
    return {
      endpoint: this.target.endpoint,
      region: this.target.region,
      credentials: this.target.credentials,
      maxAttempts: 2,
      requestHandler: { connectionTimeout: 3_000, requestTimeout: 30_000 },
    };
  }

  private memo<T>(key: string, make: () => Promise<T>): Promise<T> {
    const existing = this.cache.get(key);
    if (existing !== undefined) return existing as Promise<T>;
    const created = make();
    this.cache.set(key, created);
    return created;
  }

  dynamo(): Promise<DynamoDBClient> {
    return this.memo("dynamo", async () => {
      const { DynamoDBClient } = await import("@aws-sdk/client-dynamodb");
      return new DynamoDBClient(this.common());
    });
  }

  documents(): Promise<DynamoDBDocumentClient> {
    return this.memo("documents", async () => {
      const { DynamoDBDocumentClient } = await import("@aws-sdk/lib-dynamodb");
      return DynamoDBDocumentClient.from(await this.dynamo());
    });
  }

  s3(): Promise<S3Client> {
    return this.memo("s3", async () => {
      const { S3Client } = await import("@aws-sdk/client-s3");
      // Emulators serve path-style URLs and do not all accept the SDK's default CRC checksums.
      return new S3Client({
        ...this.common(),
        forcePathStyle: true,
        requestChecksumCalculation: "WHEN_REQUIRED",
        responseChecksumValidation: "WHEN_REQUIRED",
      });
    });
  }

  ecr(): Promise<ECRClient> {
    return this.memo("ecr", async () => {
      const { ECRClient } = await import("@aws-sdk/client-ecr");
      return new ECRClient(this.common());
    });
  }

  apigateway(): Promise<APIGatewayClient> {
    return this.memo("apigateway", async () => {
      const { APIGatewayClient } = await import("@aws-sdk/client-api-gateway");
      return new APIGatewayClient(this.common());
    });
  }

  // Lambda mode -------------------------------------------------------------------------------

  lambda(): Promise<LambdaClient> {
    return this.memo("lambda", async () => {
      const { LambdaClient } = await import("@aws-sdk/client-lambda");
      // An invoke includes the function's cold start (image pull, runtime init): allow it.
      return new LambdaClient({
        ...this.common(),
        requestHandler: { connectionTimeout: 3_000, requestTimeout: 120_000 },
      });
    });
  }

  iam(): Promise<IAMClient> {
    return this.memo("iam", async () => {
      const { IAMClient } = await import("@aws-sdk/client-iam");
      return new IAMClient(this.common());
    });
  }

  logs(): Promise<CloudWatchLogsClient> {
    return this.memo("logs", async () => {
      const { CloudWatchLogsClient } = await import("@aws-sdk/client-cloudwatch-logs");
      return new CloudWatchLogsClient(this.common());
    });
  }

  /** Closes sockets so the process can exit promptly. */
  async destroy(): Promise<void> {
    const clients = await Promise.allSettled(this.cache.values());
    for (const settled of clients) {
      if (settled.status === "fulfilled") (settled.value as { destroy?: () => void }).destroy?.();
    }
  }
}

export type { AwsTarget };
