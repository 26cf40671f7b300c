import { once } from "node:events";
import type { AddressInfo } from "node:net";
import { Readable } from "node:stream";
import { pino } from "pino";
import { describe, expect, it } from "vitest";
import { createApp } from "../../src/http/app.ts";
import type { FileStore } from "../../src/ports.ts";
import { httpDriver } from "../behaviour/http-driver.ts";
import { unused, unusedRepository } from "../support/unused-ports.ts";

const repository = unusedRepository;
const fileStore: FileStore = {
  get: async () => ({
    body: Readable.from([Buffer.alloc(10)]),
    size: 10,
    contentType: "application/octet-stream",
  }),
  put: unused,
  list: unused,
};

describe("download limit (Lambda mode's payload cap)", () => {
  it("answers 422 file_too_large, naming the size and the way out, instead of a gateway error", async () => {
    const app = createApp({
      repository,
      fileStore,
      logger: pino({ level: "silent" }),
      mode: "lambda",
      version: "t",
      maxUploadBytes: 5,
      maxDownloadBytes: 5,
    });
    const server = app.listen(0, "127.0.0.1");
    await once(server, "listening");
    try {
      const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const res = await httpDriver("app", base, "lambda").send({
        method: "GET",
        path: "/file/download/big.bin",
      });
      expect(res.status).toBe(422);
      expect(JSON.parse(res.body.toString()).error).toMatchObject({
        code: "file_too_large",
        message: expect.stringMatching(
          /is 10 bytes; this deployment returns at most 5 .*container deployment/,
        ),
      });
    } finally {
      server.close();
    }
  });
});
