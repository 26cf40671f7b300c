import serverless from "serverless-http";
import { ConfigError, readConfig } from "./config.ts";
import { createLogger, wireApp } from "./wire.ts";

// Built once per execution environment, outside the handler, so warm invocations reuse clients.
const config = (() => {
  try {
    return readConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) console.error(`inventory service cannot start: ${error.message}`);
    throw error;
  }
})();
const logger = createLogger(config, "lambda");

const JSON_TYPE = /^application\/(?:[\w.+-]*\+)?json\b/i;

const proxy = serverless(wireApp(config, "lambda", logger), {
  requestId: "x-request-id",
  // Files (marked by Content-Disposition) and anything not JSON go back base64, so bytes survive.
  binary: (headers: Record<string, string | undefined>) =>
    headers["content-disposition"] !== undefined ||
    !JSON_TYPE.test(headers["content-type"] ?? "application/json"),
});

interface ProxyEvent {
  body?: string | null;
  [key: string]: unknown;
}

export async function handler(event: ProxyEvent, context: object): Promise<object> {
  // API Gateway sends `body: null` without a body; serverless-http would turn that into the text "null".
  return proxy({ ...event, body: event.body ?? "" }, context);
}
