import { randomUUID } from "node:crypto";
import type { NextFunction, Request, Response } from "express";

const SAFE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

const safe = (value: unknown): value is string => typeof value === "string" && SAFE_REQUEST_ID.test(value);

/**
 * One id per request: the caller's `x-request-id` when it is safe to echo and log, else API
 * Gateway's `requestContext.requestId` (serverless-http puts it on the request), else a new one.
 */
export function requestId(req: Request, res: Response, next: NextFunction): void {
  const given = req.get("x-request-id");
  const gateway = (req as Request & { requestContext?: { requestId?: unknown } }).requestContext?.requestId;
  const id = safe(given) ? given : safe(gateway) ? gateway : randomUUID();
  res.locals.requestId = id;
  res.set("x-request-id", id);
  next();
}

export function requestIdOf(res: Response): string {
  return typeof res.locals.requestId === "string" ? res.locals.requestId : "unknown";
}
