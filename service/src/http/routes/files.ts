import { pipeline } from "node:stream/promises";
import { Router } from "express";
import type { FilesService } from "../../app/files.ts";
import { parsePageQuery } from "../../domain/paging.ts";
import { rawBody, uploadBody } from "../body.ts";
import { methodNotAllowed } from "./method-not-allowed.ts";
import { pageBody } from "./page-body.ts";

export function fileRoutes(files: FilesService, maxUploadBytes: number): Router {
  const router = Router();

  router
    .route("/file/download/:filename")
    .get(async (req, res) => {
      const file = await files.download(String(req.params.filename));
      // The Lambda entry sends it base64 unless it is UTF-8 text (service/src/entry/text-answers.ts).
      res.attachment(file.filename);
      // Set as stored: res.type() would rewrite it (adding a charset, or mapping a bare word to a type).
      res.setHeader("Content-Type", file.contentType);
      // The stored type is the uploader's word: a browser must not guess another (HTML, script).
      res.setHeader("X-Content-Type-Options", "nosniff");
      res.setHeader("Content-Length", String(file.size));
      res.status(200);
      // Streamed from S3 to the client; a failure mid-way can only cut the connection.
      await pipeline(file.body, res).catch((error: unknown) => {
        if (!res.headersSent) throw error;
        res.destroy(error as Error);
      });
    })
    .all(methodNotAllowed("GET"));

  router
    .route("/file/upload/:filename")
    .put(rawBody(maxUploadBytes), async (req, res) => {
      const declared = req.get("content-type");
      const stored = await files.upload(String(req.params.filename), uploadBody(req), declared);
      res.status(201).json(stored);
    })
    .all(methodNotAllowed("PUT"));

  router
    .route("/files")
    .get(async (req, res) => {
      const page = await files.list(parsePageQuery(req.query));
      res.json(pageBody("files", page.items, page.nextCursor));
    })
    .all(methodNotAllowed("GET"));

  return router;
}
