import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from "aws-lambda";
import serverless from "serverless-http";
import { LAMBDA_MAX_BODY_BYTES } from "../http/app.ts";
import { ConfigError, readConfig } from "./config.ts";
import { serviceEnv } from "./env-contract.ts";
import { textWhenUtf8 } from "./text-answers.ts";
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

// Every body is base64-encoded first, so bytes survive; text answers are then turned back into text.
const proxy = serverless(wireApp(config, "lambda", logger, { maxDownloadBytes: LAMBDA_MAX_BODY_BYTES }), {
  requestId: "x-request-id",
  binary: true,
}) as unknown as (event: APIGatewayProxyEvent, context: Context) => Promise<APIGatewayProxyResult>;

// serverless-http types its handler loosely (Object in, Object out); for REST proxy events it is this.
export const handler = async (
  event: APIGatewayProxyEvent,
  context: Context,
): Promise<APIGatewayProxyResult> =>
  textWhenUtf8({ isBase64Encoded: false, ...(await proxy(event, context)) });
