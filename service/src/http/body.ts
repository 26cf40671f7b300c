import express, { type NextFunction, type Request, type Response } from "express";
import { invalid } from "../domain/errors.ts";
import type { FileBody } from "../ports.ts";
import { HttpError } from "./errors.ts";

export const DEFAULT_MAX_JSON_BYTES = 64 * 1024;

/** JSON endpoints take `application/json` (or a `+json` type) and nothing else. */
export function jsonBody(maxBytes: number) {
  const parse = express.json({ limit: maxBytes, type: () => true });
  return (req: Request, res: Response, next: NextFunction): void => {
    if (
      req.get("content-type") !== undefined &&
      req.is(["application/json", "application/*+json"]) === false
    ) {
      next(
        new HttpError(
          415,
          "unsupported_media_type",
          "send the body as JSON with Content-Type: application/json",
        ),
      );
      return;
    }
    if (!hasBody(req)) {
      next(invalid("body", "request body is required: a JSON object"));
      return;
    }
    parse(req, res, next);
  };
}

// Form encodings would mangle bytes (curl -d strips newlines); a multipart body would be stored as-is.
const NOT_RAW_BYTES = ["multipart/*", "application/x-www-form-urlencoded"];

const STREAMED = Symbol("streamed upload");

/**
 * A file upload of up to `maxBytes`. With a Content-Length (curl's and every SDK's way) the body is
 * not read here: `uploadBody(req)` hands the request itself on as a stream of that many bytes, so a
 * large file never sits in memory. Without one (chunked), it is read into a Buffer up to the limit.
 * Either way a body over the limit answers 413 before anything is stored.
 */
export function rawBody(maxBytes: number) {
  // No inflating: the bytes stored are the bytes sent, so a Content-Encoding is refused below.
  const parse = express.raw({ limit: maxBytes, type: () => true, inflate: false });
  return (req: Request, res: Response, next: NextFunction): void => {
    if (req.get("content-type") !== undefined && req.is(NOT_RAW_BYTES)) {
      next(
        new HttpError(
          415,
          "unsupported_media_type",
          "send the file's raw bytes (curl --data-binary @FILE -H 'Content-Type: …'), not a form",
        ),
      );
      return;
    }
    const encoding = req.get("content-encoding");
    if (encoding !== undefined && encoding.toLowerCase() !== "identity") {
      next(
        new HttpError(
          415,
          "unsupported_media_type",
          `send the file as is, without Content-Encoding (${encoding}); a compressed file is uploaded as its own bytes`,
        ),
      );
      return;
    }
    const length = declaredLength(req);
    if (length === undefined || length === 0) {
      parse(req, res, next);
      return;
    }
    if (length > maxBytes) {
      // The same refusal body-parser gives (http/errors.ts), before a byte is read.
      next(
        Object.assign(new Error("request entity too large"), { type: "entity.too.large", limit: maxBytes }),
      );
      return;
    }
    (req as Request & { [STREAMED]?: number })[STREAMED] = length;
    next();
  };
}

/** A Content-Length without chunked framing, as a byte count; undefined otherwise. */
function declaredLength(req: Request): number | undefined {
  if (req.get("transfer-encoding") !== undefined) return undefined;
  const header = req.get("content-length");
  if (header === undefined || !/^\d+$/.test(header)) return undefined;
  return Number(header);
}

/** The upload `rawBody` let through: the request as a stream of known length, or the bytes it read. */
export function uploadBody(req: Request): FileBody {
  const streamed = (req as Request & { [STREAMED]?: number })[STREAMED];
  return streamed === undefined ? bodyBytes(req) : { stream: req, size: streamed };
}

function hasBody(req: Request): boolean {
  return req.get("transfer-encoding") !== undefined || Number(req.get("content-length") ?? "0") > 0;
}

export function bodyBytes(req: Request): Buffer {
  return Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
}
