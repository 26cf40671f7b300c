import type { APIGatewayClient } from "@aws-sdk/client-api-gateway";
import type { CloudWatchLogsClient } from "@aws-sdk/client-cloudwatch-logs";
import type { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import type { ECRClient } from "@aws-sdk/client-ecr";
import type { IAMClient } from "@aws-sdk/client-iam";
import type { LambdaClient } from "@aws-sdk/client-lambda";
import type { S3Client } from "@aws-sdk/client-s3";
import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import type { AwsTarget } from "../engine/ports.ts";

/** An initialize-step middleware, generic so it fits every client's own stack type. */
type CallMiddleware = <Args, Result>(
  next: (args: Args) => Promise<Result>,
  context: { clientName?: string; commandName?: string },
) => (args: Args) => Promise<Result>;

interface Countable {
  middlewareStack: { add(middleware: CallMiddleware, options: { step: "initialize"; name: string }): void };
}

/** Tells `onCall` of each operation the client sends (once per operation: retries are not counted again). */
function counted<Client extends Countable>(client: Client, onCall: AwsTarget["onCall"]): Client {
  if (onCall === undefined) return client;
  const middleware: CallMiddleware = (next, context) => (args) => {
    const service = (context.clientName ?? "AWS").replace(/Client$/, "");
    onCall(`${service}.${(context.commandName ?? "?").replace(/Command$/, "")}`);
    return next(args);
  };
  client.middlewareStack.add(middleware, { step: "initialize", name: "stackctlCallCount" });
  return client;
}

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
      return counted(new DynamoDBClient(this.common()), this.target.onCall);
    });
  }

  documents(): Promise<DynamoDBDocumentClient> {
    return this.memo("documents", async () => {
      const { DynamoDBDocumentClient } = await import("@aws-sdk/lib-dynamodb");
      // Shares the DynamoDB client's middleware stack, so its calls are counted there, once.
      return DynamoDBDocumentClient.from(await this.dynamo());
    });
  }

  s3(): Promise<S3Client> {
    return this.memo("s3", async () => {
      const { S3Client } = await import("@aws-sdk/client-s3");
      // Emulators serve path-style URLs and do not all accept the SDK's default CRC checksums.
      const client = new S3Client({
        ...this.common(),
        forcePathStyle: true,
        requestChecksumCalculation: "WHEN_REQUIRED",
        responseChecksumValidation: "WHEN_REQUIRED",
      });
      return counted(client, this.target.onCall);
    });
  }

  ecr(): Promise<ECRClient> {
    return this.memo("ecr", async () => {
      const { ECRClient } = await import("@aws-sdk/client-ecr");
      return counted(new ECRClient(this.common()), this.target.onCall);
    });
  }

  apigateway(): Promise<APIGatewayClient> {
    return this.memo("apigateway", async () => {
      const { APIGatewayClient } = await import("@aws-sdk/client-api-gateway");
      return counted(new APIGatewayClient(this.common()), this.target.onCall);
    });
  }

  // Lambda mode -------------------------------------------------------------------------------

  lambda(): Promise<LambdaClient> {
    return this.memo("lambda", async () => {
      const { LambdaClient } = await import("@aws-sdk/client-lambda");
      // An invoke includes the function's cold start (image pull, runtime init): allow it.
      const client = new LambdaClient({
        ...this.common(),
        requestHandler: { connectionTimeout: 3_000, requestTimeout: 120_000 },
      });
      return counted(client, this.target.onCall);
    });
  }

  iam(): Promise<IAMClient> {
    return this.memo("iam", async () => {
      const { IAMClient } = await import("@aws-sdk/client-iam");
      return counted(new IAMClient(this.common()), this.target.onCall);
    });
  }

  logs(): Promise<CloudWatchLogsClient> {
    return this.memo("logs", async () => {
      const { CloudWatchLogsClient } = await import("@aws-sdk/client-cloudwatch-logs");
      return counted(new CloudWatchLogsClient(this.common()), this.target.onCall);
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
