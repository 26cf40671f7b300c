import type { NextFunction, Request, Response } from "express";
import { HttpError } from "../errors.ts";

export function methodNotAllowed(allow: string) {
  return (req: Request, res: Response, next: NextFunction): void => {
    res.set("Allow", allow);
    next(new HttpError(405, "method_not_allowed", `${req.method} is not allowed here; use ${allow}`));
  };
}
