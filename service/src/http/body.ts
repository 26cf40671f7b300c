import express, { type NextFunction, type Request, type Response } from "express";
import { invalid } from "../domain/errors.ts";
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

/** Raw bytes up to `maxBytes`, for file uploads; `req.body` ends up a Buffer (empty when no body). */
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
    parse(req, res, next);
  };
}

function hasBody(req: Request): boolean {
  return req.get("transfer-encoding") !== undefined || Number(req.get("content-length") ?? "0") > 0;
}

export function bodyBytes(req: Request): Buffer {
  return Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
}
