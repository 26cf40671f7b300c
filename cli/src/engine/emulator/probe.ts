import { correctionsFrom, type HookScript } from "./corrections.ts";

export type EmulatorKind = "localstack" | "ministack" | "unknown";

export interface EmulatorInfo {
  endpoint: string;
  kind: EmulatorKind;
  version: string;
  edition: string;
  services: Record<string, string>;
  /** What stackctl corrected in this emulator (./corrections.ts); unset or empty: nothing. */
  corrections?: string[];
}

export type ProbeResult =
  | { state: "ready"; info: EmulatorInfo }
  /** Something answers HTTP on the port but it is not an AWS emulator. */
  | { state: "foreign"; detail: string }
  | { state: "unreachable"; detail: string };

interface HealthBody {
  services?: Record<string, string>;
  version?: string;
  edition?: string;
}

async function getJson(
  url: string,
  timeoutMs: number,
  signal?: AbortSignal,
): Promise<{ status: number; body: unknown }> {
  const timeout = AbortSignal.timeout(timeoutMs);
  const response = await fetch(url, {
    signal: signal === undefined ? timeout : AbortSignal.any([timeout, signal]),
  });
  const text = await response.text();
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
export async function probeEmulator(
  endpoint: string,
  signal?: AbortSignal,
  timeoutMs = 3_000,
): Promise<ProbeResult> {
  let health: { status: number; body: unknown };
  try {
    health = await getJson(`${endpoint}/_localstack/health`, timeoutMs, signal);
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
  const ministack = await getJson(`${endpoint}/_ministack/health`, timeoutMs, signal).catch(() => undefined);
  const kind: EmulatorKind =
    ministack?.status === 200 ? "ministack" : body.edition === undefined ? "unknown" : "localstack";
  const corrections = kind === "localstack" ? (await initHooks(endpoint, signal)).corrections : [];
  return {
    state: "ready",
    info: {
      endpoint,
      kind,
      version: body.version ?? "unknown",
      edition: body.edition ?? "unknown",
      services: body.services,
      ...(corrections.length > 0 ? { corrections } : {}),
    },
  };
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
export async function initHooks(endpoint: string, signal?: AbortSignal): Promise<InitHooks> {
  try {
    const { status, body } = await getJson(`${endpoint}/_localstack/init/ready`, 3_000, signal);
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
