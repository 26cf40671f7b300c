import { type Request, type Response, Router } from "express";
import type { InventoryService } from "../../app/inventory.ts";
import { invalid } from "../../domain/errors.ts";
import { type Item, toView } from "../../domain/item.ts";
import { parsePageQuery } from "../../domain/paging.ts";
import { jsonBody } from "../body.ts";
import { methodNotAllowed } from "./method-not-allowed.ts";
import { pageBody } from "./page-body.ts";

const ETAG_VERSION = /^(?:W\/)?"?(\d{1,15})"?$/;

/** `If-Match: "3"` (also 3 or W/"3"); absent means the body's `version` must say. */
function ifMatchVersion(req: Request): number | undefined {
  const header = req.get("if-match");
  if (header === undefined) return undefined;
  const match = ETAG_VERSION.exec(header.trim());
  if (match?.[1] === undefined || Number(match[1]) < 1) {
    throw invalid("If-Match", 'If-Match must be the item\'s version as an ETag, e.g. If-Match: "3"');
  }
  return Number(match[1]);
}

function sendItem(res: Response, status: number, item: Item): void {
  res.status(status).set("ETag", `"${item.version}"`).json(toView(item));
}

export function inventoryRoutes(inventory: InventoryService, maxJsonBytes: number): Router {
  const router = Router();
  const json = jsonBody(maxJsonBytes);

  router
    .route("/inventory")
    .get(async (req, res) => {
      const page = await inventory.list(parsePageQuery(req.query));
      res.json(pageBody("items", page.items.map(toView), page.nextCursor));
    })
    .post(json, async (req, res) => {
      const item = await inventory.create(req.body);
      res.location(`/inventory/${encodeURIComponent(item.sku)}`);
      sendItem(res, 201, item);
    })
    .all(methodNotAllowed("GET, POST"));

  router
    .route("/inventory/:sku")
    .get(async (req, res) => {
      sendItem(res, 200, await inventory.get(String(req.params.sku)));
    })
    .put(json, async (req, res) => {
      sendItem(res, 200, await inventory.replace(String(req.params.sku), req.body, ifMatchVersion(req)));
    })
    .delete(async (req, res) => {
      await inventory.delete(String(req.params.sku), ifMatchVersion(req));
      res.status(204).end();
    })
    .all(methodNotAllowed("GET, PUT, DELETE"));

  return router;
}
