import { StackctlError } from "../errors.ts";
import { errorName, httpStatus } from "../shared/error-shape.ts";

const networkCodes = /^(ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE|ENOTFOUND|EHOSTUNREACH|UND_ERR_SOCKET)$/;
// No connection at all (as opposed to one that broke mid-answer).
const connectCodes =
  /^(ECONNREFUSED|ETIMEDOUT|ENOTFOUND|EHOSTUNREACH|ENETUNREACH|EAI_AGAIN|ECONNRESET|EPIPE|UND_ERR_SOCKET|UND_ERR_CONNECT_TIMEOUT)$/;

/** Whether an error came from the AWS SDK (a service answer) or from the network under it. */
export function isEnvironmentError(error: unknown): boolean {
  const sdkError = typeof error === "object" && error !== null && "$metadata" in error;
  const code = (error as { code?: unknown }).code;
  return sdkError || (typeof code === "string" && networkCodes.test(code));
}

export interface ConnectionFailure {
  code: string;
  /** `host:port`, or a socket path, when the error names it. */
  address: string | undefined;
}

/**
 * The network failure under an error (itself or a cause, as fetch wraps it): nothing answered, so the
 * environment is at fault, not stackctl. An SDK error that carries an HTTP status was an answer.
 */
export function connectionFailure(error: unknown): ConnectionFailure | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && typeof current === "object" && current !== null; depth += 1) {
    if (httpStatus(current) !== undefined) return undefined;
    const { code, address, port } = current as { code?: unknown; address?: unknown; port?: unknown };
    if (typeof code === "string" && connectCodes.test(code)) {
      const where =
        typeof address === "string" ? `${address}${typeof port === "number" ? `:${port}` : ""}` : undefined;
      return { code, address: where };
    }
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

/** `EMULATOR_UNREACHABLE` for a request to `endpoint` that found nothing answering there. */
export function unreachable(endpoint: string, failure: ConnectionFailure, cause: unknown): StackctlError {
  return new StackctlError("EMULATOR_UNREACHABLE", { endpoint, detail: failure.code }, { cause });
}

/**
 * The one place SDK and network failures become StackctlErrors: the emulator's or network's doing,
 * not a bug, so the operation and the cause are named instead of reporting an internal error. A
 * request nothing answered is EMULATOR_UNREACHABLE (exit 3); an answer that is an error AWS_CALL_FAILED.
 * Anything else is returned as it is.
 */
export function classifyError(operation: string, error: unknown, endpoint?: string): unknown {
  if (error instanceof StackctlError) return error;
  const failure = connectionFailure(error);
  if (failure !== undefined && (endpoint !== undefined || failure.address !== undefined))
    return unreachable(endpoint ?? `http://${failure.address}`, failure, error);
  if (!isEnvironmentError(error)) return error;
  const name = errorName(error);
  const detail = `${name === "Error" || name === "" ? "" : `${name}: `}${(error as Error).message}`;
  return new StackctlError("AWS_CALL_FAILED", { operation, detail }, { cause: error });
}
