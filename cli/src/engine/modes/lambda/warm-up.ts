import type { Functions, InvokeResult } from "../../ports.ts";
import { diagnoseInvocation, type FailedInvocation } from "./diagnose.ts";

export interface WarmUp {
  /** Wall time of the first invocation, cold start included. */
  coldMs: number;
  /** `Init Duration` from the REPORT line, when the emulator writes one. */
  initDurationMs: number | undefined;
  requestId: string | undefined;
}

/**
 * An API Gateway REST proxy event for `GET /inventory?limit=1`: it reads the table, which proves
 * the function reaches the emulator with the endpoint it was given (or that the emulator injects).
 */
export function warmUpEvent(): string {
  return JSON.stringify({
    resource: "/{proxy+}",
    path: "/inventory",
    httpMethod: "GET",
    headers: { Accept: "application/json", "User-Agent": "stackctl-warm-up" },
    multiValueHeaders: { Accept: ["application/json"], "User-Agent": ["stackctl-warm-up"] },
    queryStringParameters: { limit: "1" },
    multiValueQueryStringParameters: { limit: ["1"] },
    pathParameters: { proxy: "inventory" },
    stageVariables: null,
    requestContext: {
      resourcePath: "/{proxy+}",
      httpMethod: "GET",
      path: "/dev/inventory",
      stage: "dev",
      requestId: "stackctl-warm-up",
      identity: { sourceIp: "127.0.0.1", userAgent: "stackctl-warm-up" },
    },
    body: null,
    isBase64Encoded: false,
  });
}

/**
 * `Init Duration` of the REPORT line. Below 1 ms it is no cold start worth the name (AWS's RIE
 * reports ~0 because it starts the runtime inside the first invoke), so the measured time counts.
 */
export function initDuration(log: string | undefined): number | undefined {
  const match = /Init Duration: ([\d.]+) ms/.exec(log ?? "");
  const ms = match?.[1] === undefined ? undefined : Number(match[1]);
  return ms === undefined || !(ms >= 1) ? undefined : Math.round(ms);
}

function requestIdOf(log: string | undefined): string | undefined {
  return /(?:START|REPORT) RequestId: ([\w-]+)/.exec(log ?? "")?.[1];
}

function failureDetail(result: InvokeResult): string | undefined {
  if (result.functionError !== undefined) return result.payload || result.functionError;
  try {
    const answer = JSON.parse(result.payload) as { statusCode?: number; body?: string };
    if (answer.statusCode === 200) return undefined;
    return `the service answered ${answer.statusCode ?? "no status"}: ${(answer.body ?? "").slice(0, 300)}`;
  } catch {
    return `not an API Gateway proxy response: ${result.payload.slice(0, 300)}`;
  }
}

/** One direct invocation of the new function before any traffic goes to it; failures are diagnosed. */
export async function warmUpFunction(
  functions: Functions,
  functionName: string,
  context: Omit<FailedInvocation, "functionName" | "detail" | "log">,
  moreLog: () => Promise<string>,
): Promise<WarmUp> {
  try {
    return await invokeOnce(functions, functionName, context, moreLog);
  } catch (error) {
    // A first start can race the runtime coming up (seen on LocalStack): one more try, then the diagnosis.
    if ((error as { code?: string }).code !== "LAMBDA_RUNTIME_TIMEOUT") throw error;
    return invokeOnce(functions, functionName, context, moreLog);
  }
}

async function invokeOnce(
  functions: Functions,
  functionName: string,
  context: Omit<FailedInvocation, "functionName" | "detail" | "log">,
  moreLog: () => Promise<string>,
): Promise<WarmUp> {
  const started = performance.now();
  let result: InvokeResult;
  try {
    result = await functions.invoke(functionName, warmUpEvent());
  } catch (error) {
    throw diagnoseInvocation({
      ...context,
      functionName,
      detail: (error as Error).message,
      log: await moreLog().catch(() => ""),
    });
  }
  const coldMs = Math.round(performance.now() - started);
  const detail = failureDetail(result);
  if (detail !== undefined) {
    const log = [result.logTail ?? "", await moreLog().catch(() => "")].join("\n");
    throw diagnoseInvocation({ ...context, functionName, detail, log });
  }
  return { coldMs, initDurationMs: initDuration(result.logTail), requestId: requestIdOf(result.logTail) };
}
