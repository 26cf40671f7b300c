import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import type { Driver, HttpRequest, HttpResponse } from "./driver.ts";

const template = JSON.parse(
  readFileSync(new URL("../../../fixtures/events/apigw-rest-v1-proxy.json", import.meta.url), "utf8"),
) as Record<string, unknown> & { requestContext: Record<string, unknown> };

const TEXT_TYPE = /^(?:text\/|application\/(?:[\w.+-]*\+)?json\b)/i;

export type ProxyHandler = (event: object, context: object) => Promise<unknown>;

interface ProxyResult {
  statusCode: number;
  headers?: Record<string, string | number | boolean>;
  multiValueHeaders?: Record<string, (string | number | boolean)[]>;
  body?: string;
  isBase64Encoded?: boolean;
}

function multiValue(values: Record<string, string>): Record<string, string[]> | null {
  const entries = Object.entries(values);
  return entries.length === 0 ? null : Object.fromEntries(entries.map(([k, v]) => [k, [v]]));
}

/** API Gateway passes a segment it cannot decode through as it came; so does this driver. */
function decodeLeniently(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/** Builds the event API Gateway (REST v1, `{proxy+}`, stage `dev`, binary types `*\/*`) would send. */
export function toProxyEvent({ method, path, headers = {}, body }: HttpRequest): object {
  const url = new URL(path, "http://placeholder");
  const query: Record<string, string> = {};
  url.searchParams.forEach((value, key) => {
    query[key] = value;
  });
  const contentType = Object.entries(headers).find(([k]) => k.toLowerCase() === "content-type")?.[1] ?? "";
  const bytes = body === undefined ? undefined : Buffer.from(body);
  const asText = bytes !== undefined && TEXT_TYPE.test(contentType);
  const requestHeaders = { ...(template.headers as Record<string, string>), ...headers };
  return {
    ...template,
    resource: url.pathname === "/" ? "/" : "/{proxy+}",
    path: url.pathname,
    httpMethod: method,
    headers: requestHeaders,
    multiValueHeaders: multiValue(requestHeaders),
    queryStringParameters: Object.keys(query).length === 0 ? null : query,
    multiValueQueryStringParameters: multiValue(query),
    pathParameters: url.pathname === "/" ? null : { proxy: decodeLeniently(url.pathname.slice(1)) },
    requestContext: {
      ...template.requestContext,
      httpMethod: method,
      path: `/dev${url.pathname}`,
      requestId: randomUUID(),
      resourcePath: url.pathname === "/" ? "/" : "/{proxy+}",
    },
    body: bytes === undefined ? null : bytes.toString(asText ? "utf8" : "base64"),
    isBase64Encoded: bytes !== undefined && !asText,
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

/** Invokes a Lambda handler in-process with API Gateway REST v1 proxy events. */
export function lambdaDriver(name: string, handler: ProxyHandler): Driver {
  return {
    name,
    mode: "lambda",
    async send(request) {
      const context = {
        awsRequestId: randomUUID(),
        functionName: "inventory",
        getRemainingTimeInMillis: () => 30_000,
      };
      return fromProxyResult(await handler(toProxyEvent(request), context));
    },
  };
}
