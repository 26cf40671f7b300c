export type EmulatorKind = "localstack" | "ministack" | "unknown";

export interface EmulatorInfo {
  endpoint: string;
  kind: EmulatorKind;
  version: string;
  edition: string;
  services: Record<string, string>;
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

function describeFetchError(error: unknown): string {
  const cause = (error as { cause?: { code?: string } }).cause;
  if (cause?.code !== undefined) return cause.code;
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
  return {
    state: "ready",
    info: {
      endpoint,
      kind,
      version: body.version ?? "unknown",
      edition: body.edition ?? "unknown",
      services: body.services,
    },
  };
}

/** LocalStack runs init hooks after boot; until `/_localstack/init/ready` completes it is not ready. */
export async function initHooksDone(endpoint: string, signal?: AbortSignal): Promise<boolean> {
  try {
    const { status, body } = await getJson(`${endpoint}/_localstack/init/ready`, 3_000, signal);
    return status === 200 && (body as { completed?: boolean } | undefined)?.completed === true;
  } catch {
    return false;
  }
}
