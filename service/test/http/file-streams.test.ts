import { once } from "node:events";
import type { AddressInfo } from "node:net";
import { Readable } from "node:stream";
import { buffer } from "node:stream/consumers";
import { pino } from "pino";
import { afterAll, describe, expect, it } from "vitest";
import { createApp } from "../../src/http/app.ts";
import type { FileBody, FileStore } from "../../src/ports.ts";
import { unused, unusedRepository } from "../support/unused-ports.ts";

// Uploads and downloads are streamed, not buffered whole: with a Content-Length the store gets the
// request itself as a stream; a download goes out as the store's stream, with its length and nosniff.
const repository = unusedRepository;
const stored: { body: FileBody; bytes: Buffer }[] = [];
const chunk = Buffer.alloc(1024 * 1024, 7);
const fileStore: FileStore = {
  // 64 MiB made as it is read: only a streamed answer can pass it on without holding it.
  get: async () => ({
    body: Readable.from(
      (function* () {
        for (let i = 0; i < 64; i += 1) yield chunk;
      })(),
    ),
    size: 64 * chunk.byteLength,
    contentType: "image/png",
  }),
  put: async (_name, body) => {
    const bytes = body instanceof Uint8Array ? Buffer.from(body) : await buffer(body.stream);
    stored.push({ body, bytes });
  },
  list: unused,
};
const app = createApp({
  repository,
  fileStore,
  logger: pino({ level: "silent" }),
  mode: "container",
  version: "t",
  maxUploadBytes: 8 * 1024 * 1024,
});
const server = app.listen(0, "127.0.0.1");
await once(server, "listening");
const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
afterAll(() => server.close());

describe("file bodies are streamed", () => {
  it("hands an upload with a Content-Length to the store as a stream of that many bytes", async () => {
    const body = Buffer.alloc(3 * 1024 * 1024, 1);
    const res = await fetch(`${base}/file/upload/a.bin`, {
      method: "PUT",
      body,
      headers: { "content-type": "application/octet-stream" },
    });
    expect(res.status).toBe(201);
    const last = stored.at(-1);
    expect(last?.body instanceof Uint8Array).toBe(false);
    expect(last?.body).toMatchObject({ size: body.byteLength });
    expect(last?.bytes.equals(body)).toBe(true);
  });

  it("refuses a declared length over the limit with 413 before reading it, as body-parser would", async () => {
    const before = stored.length;
    const res = await fetch(`${base}/file/upload/big.bin`, {
      method: "PUT",
      body: Buffer.alloc(9 * 1024 * 1024),
    });
    expect(res.status).toBe(413);
    expect(((await res.json()) as { error: unknown }).error).toMatchObject({
      code: "payload_too_large",
      message: expect.stringContaining(`(limit ${8 * 1024 * 1024} bytes)`),
    });
    expect(stored.length).toBe(before);
  });

  it("reads a chunked upload (no length) into memory, up to the limit", async () => {
    const body = Readable.from([Buffer.from("chunked "), Buffer.from("bytes")]);
    const res = await fetch(`${base}/file/upload/c.txt`, {
      method: "PUT",
      body,
      duplex: "half",
      headers: { "content-type": "text/plain" },
    } as RequestInit);
    expect(res.status).toBe(201);
    expect(stored.at(-1)?.body instanceof Uint8Array).toBe(true);
    expect(stored.at(-1)?.bytes.toString()).toBe("chunked bytes");
  });

  it("sends a download as the store's stream, with its length and X-Content-Type-Options: nosniff", async () => {
    const res = await fetch(`${base}/file/download/big.png`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-length")).toBe(String(64 * chunk.byteLength));
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("content-type")).toBe("image/png");
    expect((await res.arrayBuffer()).byteLength).toBe(64 * chunk.byteLength);
  });
});
