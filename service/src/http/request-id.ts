import { randomUUID } from "node:crypto";
import type { NextFunction, Request, Response } from "express";

const SAFE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * One id per request: the caller's `x-request-id` when it is safe to echo and log, else a new
 * one. In Lambda mode the entry point fills the header from API Gateway's requestContext.
 */
export function requestId(req: Request, res: Response, next: NextFunction): void {
  const given = req.get("x-request-id");
  const id = given !== undefined && SAFE_REQUEST_ID.test(given) ? given : randomUUID();
  res.locals.requestId = id;
  res.set("x-request-id", id);
  next();
}

export function requestIdOf(res: Response): string {
  return typeof res.locals.requestId === "string" ? res.locals.requestId : "unknown";
}
