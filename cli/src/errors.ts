/**
 * The one table of user-facing failures. Each code has a message and a hint (with `{name}`
 * placeholders filled from the error's params), a static `retryable` flag and its exit code.
 * The rows live in cli/src/error-table/ (setup.ts, deploy.ts), the exit codes in error-table/spec.ts.
 */
import { deployErrors } from "./error-table/deploy.ts";
import { setupErrors } from "./error-table/setup.ts";
import { type ErrorSpec, exitCodes } from "./error-table/spec.ts";

export { exitCodes };

export const errorTable = { ...setupErrors, ...deployErrors } as const;

export type ErrorCode = keyof typeof errorTable;
export type ErrorParams = Record<string, string | number>;

function fill(template: string, params: ErrorParams): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => {
    const value = params[key];
    return value === undefined ? whole : String(value);
  });
}

/** A failure the user can act on: it renders from the table and never prints a stack by default. */
export class StackctlError extends Error {
  readonly code: ErrorCode;
  readonly hint: string;
  readonly retryable: boolean;
  readonly exitCode: number;
  /** Extra lines (e.g. an emulator log tail) shown under the message. */
  readonly details: string[];

  constructor(
    code: ErrorCode,
    params: ErrorParams = {},
    options: { cause?: unknown; details?: string[] } = {},
  ) {
    const spec: ErrorSpec = errorTable[code];
    super(fill(spec.message, params), { cause: options.cause });
    this.name = "StackctlError";
    this.code = code;
    this.hint = fill(spec.hint, params);
    this.retryable = spec.retryable;
    this.exitCode = spec.exit;
    this.details = options.details ?? [];
  }
}

/** A connection nothing answered, from the error or its causes: `code` and `host:port` or a socket path. */
function unanswered(error: unknown): { code: string; address: string } | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && typeof current === "object" && current !== null; depth += 1) {
    const { code, address, port, $metadata } = current as Record<string, unknown>;
    if (($metadata as { httpStatusCode?: number } | undefined)?.httpStatusCode !== undefined)
      return undefined;
    if (
      typeof code === "string" &&
      /^(ECONNREFUSED|ETIMEDOUT|ENOTFOUND|EHOSTUNREACH|ENETUNREACH|EAI_AGAIN|ECONNRESET|ENOENT|EACCES)$/.test(
        code,
      ) &&
      typeof address === "string"
    )
      return { code, address: typeof port === "number" ? `${address}:${port}` : address };
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

export function toStackctlError(error: unknown): StackctlError {
  if (error instanceof StackctlError) return error;
  if (error instanceof Error && error.name === "AbortError")
    return new StackctlError("INTERRUPTED", {}, { cause: error });
  // The last net under every command: a connection nothing answered is the environment's fault, not a
  // bug. A socket path is the Docker engine's; a host:port the emulator's.
  const failure = unanswered(error);
  if (failure?.address.startsWith("/") === true)
    return new StackctlError(
      "DOCKER_NOT_RUNNING",
      { detail: `${failure.code} ${failure.address}` },
      { cause: error },
    );
  if (failure !== undefined && failure.code !== "ENOENT" && failure.code !== "EACCES")
    return new StackctlError(
      "EMULATOR_UNREACHABLE",
      { endpoint: `http://${failure.address}`, detail: failure.code },
      { cause: error },
    );
  const detail = error instanceof Error ? error.message : String(error);
  return new StackctlError("INTERNAL", { detail }, { cause: error });
}

/** The error envelope of a `--json` result. */
export function errorPayload(error: StackctlError): {
  code: ErrorCode;
  message: string;
  hint: string;
  retryable: boolean;
} {
  return { code: error.code, message: error.message, hint: error.hint, retryable: error.retryable };
}
