import { StackctlError } from "../errors.ts";
import { errorName } from "../shared/error-shape.ts";

const networkCodes = /^(ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE|ENOTFOUND|EHOSTUNREACH|UND_ERR_SOCKET)$/;

/** Whether an error came from the AWS SDK (a service answer) or from the network under it. */
export function isEnvironmentError(error: unknown): boolean {
  const sdkError = typeof error === "object" && error !== null && "$metadata" in error;
  const code = (error as { code?: unknown }).code;
  return sdkError || (typeof code === "string" && networkCodes.test(code));
}

/**
 * The one place SDK and network failures become StackctlErrors: the emulator's or network's doing,
 * not a bug, so the operation and the cause are named instead of reporting an internal error.
 * Anything else is returned as it is.
 */
export function classifyError(operation: string, error: unknown): unknown {
  if (error instanceof StackctlError || !isEnvironmentError(error)) return error;
  const name = errorName(error);
  const detail = `${name === "Error" || name === "" ? "" : `${name}: `}${(error as Error).message}`;
  return new StackctlError("AWS_CALL_FAILED", { operation, detail }, { cause: error });
}
