import type { Http } from "../ports/host.ts";
import type { EmulatorKind, ProbeResult } from "../ports/probe.ts";
import { correctionsFrom, type HookScript } from "./corrections.ts";

export type { EmulatorInfo, EmulatorKind, ProbeResult } from "../ports/probe.ts";

interface HealthBody {
  services?: Record<string, string>;
  version?: string;
  edition?: string;
}

async function getJson(
  http: Http,
  url: string,
  timeoutMs: number,
  signal?: AbortSignal,
): Promise<{ status: number; body: unknown }> {
  const response = await http.request(url, { timeoutMs, ...(signal === undefined ? {} : { signal }) });
  const text = Buffer.from(response.body).toString("utf8");
  try {
    return { status: response.status, body: JSON.parse(text) as unknown };
  } catch {
    return { status: response.status, body: undefined };
  }
}

// undici's own message is only "fetch failed"; the cause says what went wrong ("ECONNREFUSED", "bad port").
function describeFetchError(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  if (cause?.code !== undefined) return cause.code;
  if (typeof cause?.message === "string" && cause.message !== "") return cause.message;
  if ((error as Error).name === "TimeoutError") return "no answer in time";
  return (error as Error).message;
}

/**
 * Asks `/_localstack/health` (served by LocalStack and ministack alike) what is running. ministack
 * also serves `/_ministack/health`, which tells the two apart.
 */
export async function probeHealth(
  http: Http,
  endpoint: string,
  signal?: AbortSignal,
  timeoutMs = 3_000,
): Promise<ProbeResult> {
  let health: { status: number; body: unknown };
  try {
    health = await getJson(http, `${endpoint}/_localstack/health`, timeoutMs, signal);
  } catch (error) {
    if (signal?.aborted === true) throw error;
    return { state: "unreachable", detail: describeFetchError(error) };
  }
  const body = health.body as HealthBody | undefined;
  if (health.status !== 200 || body?.services === undefined) {
    return {
      state: "foreign",
      detail: `HTTP ${health.status} on /_localstack/health without an emulator's answer`,
    };
  }
  const ministack = await getJson(http, `${endpoint}/_ministack/health`, timeoutMs, signal).catch(
    () => undefined,
  );
  const kind: EmulatorKind =
    ministack?.status === 200 ? "ministack" : body.edition === undefined ? "unknown" : "localstack";
  const [corrections, instanceId] =
    kind === "localstack"
      ? await Promise.all([
          initHooks(http, endpoint, signal).then((hooks) => hooks.corrections),
          sessionId(http, endpoint, timeoutMs, signal),
        ])
      : [[], undefined];
  return {
    state: "ready",
    info: {
      endpoint,
      kind,
      version: body.version ?? "unknown",
      edition: body.edition ?? "unknown",
      services: body.services,
      ...(instanceId === undefined ? {} : { instanceId }),
      ...(corrections.length > 0 ? { corrections } : {}),
    },
  };
}

/** LocalStack's `/_localstack/info` `session_id`: new at every start of the emulator. */
async function sessionId(
  http: Http,
  endpoint: string,
  timeoutMs: number,
  signal?: AbortSignal,
): Promise<string | undefined> {
  const info = await getJson(http, `${endpoint}/_localstack/info`, timeoutMs, signal).catch(() => undefined);
  const id = (info?.body as { session_id?: unknown } | undefined)?.session_id;
  return info?.status === 200 && typeof id === "string" && id !== "" ? id : undefined;
}

export interface InitHooks {
  completed: boolean;
  /** Hook scripts that ended in LocalStack's ERROR state. */
  failed: string[];
  /** The corrections the hooks applied (./corrections.ts). */
  corrections: string[];
}

interface InitReadyBody {
  completed?: boolean;
  scripts?: HookScript[];
}

/**
 * LocalStack runs `ready.d` hooks once its services are up; until `/_localstack/init/ready` says
 * completed it is not ready. https://docs.localstack.cloud/references/init-hooks
 */
export async function initHooks(http: Http, endpoint: string, signal?: AbortSignal): Promise<InitHooks> {
  try {
    const { status, body } = await getJson(http, `${endpoint}/_localstack/init/ready`, 3_000, signal);
    const ready = body as InitReadyBody | undefined;
    const failed = (ready?.scripts ?? [])
      .filter((script) => script.state === "ERROR")
      .map((script) => script.name ?? "?");
    const corrections = correctionsFrom(ready?.scripts ?? []);
    return { completed: status === 200 && ready?.completed === true, failed, corrections };
  } catch {
    return { completed: false, failed: [], corrections: [] };
  }
}
