import { once } from "node:events";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../src/http/app.ts";
import type { FileStore, InventoryRepository } from "../../src/ports.ts";
import { httpDriver } from "../behaviour/http-driver.ts";

// Ports whose every call fails the way the AWS SDK does when DynamoDB/S3 is gone or broken.
class StorageDown extends Error {
  readonly $metadata = { httpStatusCode: 500 };
}
const down = () => Promise.reject(new StorageDown("connect ECONNREFUSED 127.0.0.1:4566"));
const brokenRepository: InventoryRepository = {
  get: down,
  list: down,
  create: down,
  replace: down,
  delete: down,
};
const brokenStore: FileStore = { get: down, put: down, list: down };

const logged: string[] = [];
const logger = pino({ level: "info" }, { write: (line: string) => logged.push(line) });
let server: Server;

beforeAll(async () => {
  const app = createApp({
    repository: brokenRepository,
    fileStore: brokenStore,
    logger,
    mode: "container",
    version: "t",
    maxUploadBytes: 1024,
  });
  server = app.listen(0, "127.0.0.1");
  await once(server, "listening");
});
afterAll(() => new Promise((resolve) => server.close(resolve)));

const driver = () =>
  httpDriver("app", `http://127.0.0.1:${(server.address() as AddressInfo).port}`, "container");

describe("when storage fails", () => {
  it.each([
    ["GET", "/inventory/SKU-1"],
    ["GET", "/inventory"],
    ["GET", "/files"],
    ["GET", "/file/download/a.txt"],
  ])(
    "%s %s answers 503 storage_unavailable with no internals, and logs the cause with the request id",
    async (method, path) => {
      const requestId = `down-${path.length}`;
      const res = await driver().send({ method, path, headers: { "x-request-id": requestId } });
      expect(res.status).toBe(503);
      const text = res.body.toString();
      expect(JSON.parse(text)).toEqual({
        error: {
          code: "storage_unavailable",
          message: expect.stringContaining("storage did not answer"),
          requestId,
        },
      });
      expect(text).not.toContain("ECONNREFUSED");
      expect(text).not.toMatch(/\bat .+:\d+:\d+/);
      const entries = logged.map(
        (line) => JSON.parse(line) as { msg: string; requestId?: string; err?: { message: string } },
      );
      const entry = entries.find((l) => l.msg === "storage call failed" && l.requestId === requestId);
      expect(entry?.err?.message).toContain("ECONNREFUSED");
    },
  );
});
