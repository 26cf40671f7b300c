import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import type { APIGatewayProxyEvent, Context } from "aws-lambda";
import type { Driver, HttpRequest, HttpResponse } from "./driver.ts";

const template = JSON.parse(
  readFileSync(new URL("../../../fixtures/events/apigw-rest-v1-proxy.json", import.meta.url), "utf8"),
) as Record<string, unknown> & { requestContext: Record<string, unknown> };

export type ProxyHandler = (event: APIGatewayProxyEvent, context: Context) => Promise<unknown>;

interface ProxyResult {
  statusCode: number;
  headers?: Record<string, string | number | boolean>;
  multiValueHeaders?: Record<string, (string | number | boolean)[]>;
  body?: string;
  isBase64Encoded?: boolean;
}

function multiValue(values: Record<string, string>): Record<string, string[]> {
  return Object.fromEntries(Object.entries(values).map(([k, v]) => [k, [v]]));
}

/** API Gateway REST: every value of a repeated key in the multi-value map, the last one in the single map. */
function queryMaps(
  params: URLSearchParams,
): Pick<APIGatewayProxyEvent, "queryStringParameters" | "multiValueQueryStringParameters"> {
  const multi: Record<string, string[]> = {};
  params.forEach((value, key) => {
    multi[key] = [...(multi[key] ?? []), value];
  });
  const keys = Object.keys(multi);
  if (keys.length === 0) return { queryStringParameters: null, multiValueQueryStringParameters: null };
  return {
    queryStringParameters: Object.fromEntries(keys.map((key) => [key, multi[key]?.at(-1) ?? ""])),
    multiValueQueryStringParameters: multi,
  };
}

/** API Gateway passes a segment it cannot decode through as it came; so does this driver. */
function decodeLeniently(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/**
 * Builds the event API Gateway (REST v1, `{proxy+}`, stage `dev`) would send. The API's binary media
 * types are `*\/*`, so every request body arrives base64-encoded, JSON included.
 */
export function toProxyEvent({ method, path, headers = {}, body }: HttpRequest): APIGatewayProxyEvent {
  const url = new URL(path, "http://placeholder");
  const bytes = body === undefined ? undefined : Buffer.from(body);
  const requestHeaders = { ...(template.headers as Record<string, string>), ...headers };
  return {
    ...(template as unknown as APIGatewayProxyEvent),
    resource: url.pathname === "/" ? "/" : "/{proxy+}",
    path: url.pathname,
    httpMethod: method,
    headers: requestHeaders,
    multiValueHeaders: multiValue(requestHeaders),
    ...queryMaps(url.searchParams),
    pathParameters: url.pathname === "/" ? null : { proxy: decodeLeniently(url.pathname.slice(1)) },
    requestContext: {
      ...(template.requestContext as unknown as APIGatewayProxyEvent["requestContext"]),
      httpMethod: method,
      path: `/dev${url.pathname}`,
      requestId: randomUUID(),
      resourcePath: url.pathname === "/" ? "/" : "/{proxy+}",
    },
    body: bytes === undefined ? null : bytes.toString("base64"),
    isBase64Encoded: bytes !== undefined,
  };
}

/** Reads a proxy result the way API Gateway does, base64 bodies decoded. */
export function fromProxyResult(result: unknown): HttpResponse {
  const {
    statusCode,
    headers = {},
    multiValueHeaders = {},
    body = "",
    isBase64Encoded,
  } = result as ProxyResult;
  if (typeof statusCode !== "number")
    throw new Error(`handler returned no statusCode: ${JSON.stringify(result)}`);
  const out: Record<string, string> = {};
  for (const [key, values] of Object.entries(multiValueHeaders)) out[key.toLowerCase()] = values.join(", ");
  for (const [key, value] of Object.entries(headers)) out[key.toLowerCase()] = String(value);
  return {
    status: statusCode,
    headers: out,
    body: Buffer.from(body, isBase64Encoded === true ? "base64" : "utf8"),
  };
}

function lambdaContext(): Context {
  const awsRequestId = randomUUID();
  return {
    awsRequestId,
    functionName: "inventory",
    functionVersion: "$LATEST",
    invokedFunctionArn: "arn:aws:lambda:us-east-1:000000000000:function:inventory",
    memoryLimitInMB: "512",
    logGroupName: "/aws/lambda/inventory",
    logStreamName: `2026/11/21/[$LATEST]${awsRequestId}`,
    callbackWaitsForEmptyEventLoop: true,
    getRemainingTimeInMillis: () => 30_000,
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

/** Invokes a Lambda handler in-process with API Gateway REST v1 proxy events. */
export function lambdaDriver(name: string, handler: ProxyHandler): Driver {
  return {
    name,
    mode: "lambda",
    async send(request) {
      return fromProxyResult(await handler(toProxyEvent(request), lambdaContext()));
    },
  };
}
