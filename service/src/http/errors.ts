import type { NextFunction, Request, Response } from "express";
import type { Logger } from "pino";
import { DomainError, type DomainErrorKind } from "../domain/errors.ts";
import { requestIdOf } from "./request-id.ts";

export interface ErrorBody {
  error: { code: string; message: string; requestId: string; field?: string };
}

const STATUS_BY_KIND: Record<DomainErrorKind, number> = {
  validation: 400,
  not_found: 404,
  already_exists: 409,
  version_conflict: 409,
  precondition_required: 428,
  unprocessable: 422,
};

/** An HTTP-level refusal (content type, size, method, route) that is not a domain rule. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

// body-parser marks its failures with `type`; these are all the client's doing.
const BODY_PARSER_ERRORS: Record<string, [number, string, string]> = {
  "entity.parse.failed": [400, "invalid_json", "request body is not valid JSON"],
  "entity.too.large": [413, "payload_too_large", "request body is larger than this endpoint accepts"],
  "entity.verify.failed": [400, "bad_request", "request body was refused"],
  "request.aborted": [400, "bad_request", "request was aborted before its body arrived"],
  "request.size.invalid": [400, "bad_request", "request body length does not match Content-Length"],
  "charset.unsupported": [415, "unsupported_media_type", "request charset is not supported; send UTF-8"],
  "encoding.unsupported": [415, "unsupported_media_type", "request Content-Encoding is not supported"],
};

function classify(
  error: unknown,
): { status: number; code: string; message: string; field?: string } | undefined {
  if (error instanceof DomainError) {
    const { code, message, field } = error;
    return { status: STATUS_BY_KIND[error.kind], code, message, ...(field === undefined ? {} : { field }) };
  }
  if (error instanceof HttpError) return { status: error.status, code: error.code, message: error.message };
  const tagged = error as { type?: unknown; status?: unknown; limit?: unknown };
  if (typeof tagged.type === "string" && BODY_PARSER_ERRORS[tagged.type] !== undefined) {
    const [status, code, message] = BODY_PARSER_ERRORS[tagged.type] ?? [400, "bad_request", "bad request"];
    const limit = typeof tagged.limit === "number" ? ` (limit ${tagged.limit} bytes)` : "";
    return { status, code, message: `${message}${limit}` };
  }
  // The router refuses a path segment that is not valid percent-encoding with a 400 URIError.
  if (error instanceof URIError) {
    return { status: 400, code: "bad_request", message: "the URL is not valid percent-encoding" };
  }
  if (typeof tagged.status === "number" && tagged.status >= 400 && tagged.status < 500) {
    return { status: tagged.status, code: "bad_request", message: "the request could not be understood" };
  }
  return undefined;
}

/** AWS SDK and socket failures: the store behind the service, not the request, is at fault. */
function isDependencyFailure(error: unknown): boolean {
  const candidate = error as { $metadata?: unknown; code?: unknown };
  return (
    candidate.$metadata !== undefined || candidate.code === "ECONNREFUSED" || candidate.code === "ENOTFOUND"
  );
}

export function sendError(res: Response, status: number, body: ErrorBody["error"]): void {
  res.status(status).json({ error: body } satisfies ErrorBody);
}

export function errorHandler(logger: Logger) {
  return (error: unknown, _req: Request, res: Response, _next: NextFunction): void => {
    const requestId = requestIdOf(res);
    const known = classify(error);
    if (known !== undefined) {
      const { status, ...body } = known;
      sendError(res, status, { ...body, requestId });
      return;
    }
    if (isDependencyFailure(error)) {
      logger.error({ err: error, requestId }, "storage call failed");
      sendError(res, 503, {
        code: "storage_unavailable",
        message: "the service's storage did not answer; try again, and check the table and bucket exist",
        requestId,
      });
      return;
    }
    logger.error({ err: error, requestId }, "unhandled error");
    sendError(res, 500, {
      code: "internal",
      message: "internal error; quote the request id when reporting it",
      requestId,
    });
  };
}
