import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from "aws-lambda";
import serverless from "serverless-http";
import { LAMBDA_MAX_BODY_BYTES } from "../http/app.ts";
import { ConfigError, readConfig } from "./config.ts";
import { serviceEnv } from "./env-contract.ts";
import { createLogger, wireApp } from "./wire.ts";

// Built once per execution environment, outside the handler, so warm invocations reuse clients.
const config = (() => {
  try {
    const read = readConfig(process.env);
    if (read.maxUploadBytes > LAMBDA_MAX_BODY_BYTES) {
      throw new ConfigError(
        `${serviceEnv.maxUploadBytes}=${read.maxUploadBytes} is above ${LAMBDA_MAX_BODY_BYTES}, the most a Lambda request carries once base64-encoded`,
      );
    }
    return read;
  } catch (error) {
    if (error instanceof ConfigError) console.error(`inventory service cannot start: ${error.message}`);
    throw error;
  }
})();
const logger = createLogger(config, "lambda");

const JSON_TYPE = /^application\/(?:[\w.+-]*\+)?json\b/i;

const proxy = serverless(wireApp(config, "lambda", logger, { maxDownloadBytes: LAMBDA_MAX_BODY_BYTES }), {
  requestId: "x-request-id",
  // Files (marked by Content-Disposition) and anything not JSON go back base64, so bytes survive.
  binary: (headers: Record<string, string | undefined>) =>
    headers["content-disposition"] !== undefined ||
    !JSON_TYPE.test(headers["content-type"] ?? "application/json"),
});

// serverless-http types its handler loosely (Object in, Object out); for REST proxy events it is this.
export const handler = proxy as unknown as (
  event: APIGatewayProxyEvent,
  context: Context,
) => Promise<APIGatewayProxyResult>;
