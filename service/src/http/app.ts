import express, { type Express } from "express";
import type { Logger } from "pino";
import { FilesService } from "../app/files.ts";
import { InventoryService } from "../app/inventory.ts";
import type { Clock, FileStore, InventoryRepository } from "../ports.ts";
import { DEFAULT_MAX_JSON_BYTES } from "./body.ts";
import { errorHandler, HttpError } from "./errors.ts";
import { requestId } from "./request-id.ts";
import { fileRoutes } from "./routes/files.ts";
import { inventoryRoutes } from "./routes/inventory.ts";
import { methodNotAllowed } from "./routes/method-not-allowed.ts";

export type RunMode = "container" | "lambda";

export interface AppDeps {
  repository: InventoryRepository;
  fileStore: FileStore;
  logger: Logger;
  mode: RunMode;
  version: string;
  /** Largest accepted upload. Lambda's 6 MB payload limit (base64) caps it near 4 MiB there. */
  maxUploadBytes: number;
  /** Largest file a download returns; set in Lambda mode, where the response payload is limited. */
  maxDownloadBytes?: number;
  maxJsonBytes?: number;
  clock?: Clock;
}

export const DEFAULT_MAX_UPLOAD_BYTES = 4 * 1024 * 1024;
/** Raw bytes that still fit Lambda's 6 MB response/request payload once base64-encoded, with headers. */
export const LAMBDA_MAX_BODY_BYTES = 4_400_000;

/** The one Express app both entry points serve. */
export function createApp(deps: AppDeps): Express {
  const { logger, clock } = deps;
  const app = express();
  app.disable("x-powered-by");
  app.set("etag", false); // items carry their version as ETag; nothing else should get one
  app.set("query parser", "simple");

  app.use(requestId);
  app.use((req, res, next) => {
    const started = process.hrtime.bigint();
    res.on("finish", () => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      logger.info(
        { requestId: res.locals.requestId, method: req.method, path: req.path, status: res.statusCode, ms },
        "request",
      );
    });
    next();
  });

  app
    .route("/")
    .get((_req, res) => {
      res.json({ status: "ok", mode: deps.mode, version: deps.version });
    })
    .all(methodNotAllowed("GET"));
  app.use(
    inventoryRoutes(
      new InventoryService(deps.repository, clock),
      deps.maxJsonBytes ?? DEFAULT_MAX_JSON_BYTES,
    ),
  );
  app.use(fileRoutes(new FilesService(deps.fileStore, clock, deps.maxDownloadBytes), deps.maxUploadBytes));
  app.use((req, _res, next) => {
    next(
      new HttpError(404, "route_not_found", `no route for ${req.method} ${req.path}; see GET / for health`),
    );
  });
  app.use(errorHandler(logger));
  return app;
}
