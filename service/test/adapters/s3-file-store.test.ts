import { randomBytes } from "node:crypto";
import { Readable } from "node:stream";
import { buffer } from "node:stream/consumers";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { S3FileStore } from "../../src/adapters/s3-file-store.ts";
import { BUCKET, type EmbeddedAws, startEmbeddedAws } from "../support/embedded-aws.ts";

let aws: EmbeddedAws;
let store: S3FileStore;

beforeAll(async () => {
  aws = await startEmbeddedAws();
  store = new S3FileStore(aws.s3, BUCKET);
});
afterAll(() => aws?.stop());

describe("S3FileStore on s3rver", () => {
  it("stores and returns every byte value unchanged, with its content type", async () => {
    const bytes = new Uint8Array(randomBytes(256 * 1024));
    bytes.set(Array.from({ length: 256 }, (_, i) => i));
    await store.put("blob.bin", bytes, "application/octet-stream");
    const file = await store.get("blob.bin");
    expect(file?.contentType).toBe("application/octet-stream");
    expect(file?.size).toBe(bytes.byteLength);
    expect((await buffer(file?.body ?? Readable.from([]))).equals(Buffer.from(bytes))).toBe(true);
  });

  it("stores a stream of known length as it is read, and reads it back as a stream", async () => {
    const chunks = Array.from({ length: 16 }, (_, i) => Buffer.alloc(64 * 1024, i));
    const size = chunks.reduce((total, chunk) => total + chunk.byteLength, 0);
    await store.put("stream.bin", { stream: Readable.from(chunks), size }, "application/octet-stream");
    const file = await store.get("stream.bin");
    expect(file?.size).toBe(size);
    expect((await buffer(file?.body ?? Readable.from([]))).equals(Buffer.concat(chunks))).toBe(true);
  });

  it("returns undefined for a missing file", async () => {
    expect(await store.get("missing.txt")).toBeUndefined();
  });

  it("lists files with sizes, paging with cursors", async () => {
    for (const name of ["l-1.txt", "l-2.txt", "l-3.txt"]) {
      await store.put(name, new TextEncoder().encode(name), "text/plain");
    }
    const names: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await store.list({ limit: 2, cursor });
      names.push(...page.items.map((f) => f.filename));
      expect(page.items.every((f) => f.size >= 0 && !Number.isNaN(Date.parse(f.lastModified)))).toBe(true);
      cursor = page.nextCursor;
    } while (cursor !== undefined);
    expect(names).toEqual(expect.arrayContaining(["l-1.txt", "l-2.txt", "l-3.txt"]));
    expect(new Set(names).size).toBe(names.length);
  });
});
