import { Readable } from "node:stream";
import {
  GetObjectCommand,
  ListObjectsCommand,
  NoSuchKey,
  PutObjectCommand,
  type S3Client,
} from "@aws-sdk/client-s3";
import { DEFAULT_CONTENT_TYPE } from "../domain/content-type.ts";
import type { FileBody, FileInfo, FileStore, Page, PageRequest, StoredFile } from "../ports.ts";
import { decodeCursor, encodeCursor } from "./cursor.ts";

/**
 * What the S3 client of this store needs: no checksum unless S3 requires one, so a streamed upload
 * goes out as plain bytes of its Content-Length, not as `aws-chunked` frames with a trailing checksum
 * (which emulators, s3rver among them, store as part of the object).
 */
export const s3ClientOptions = { requestChecksumCalculation: "WHEN_REQUIRED" } as const;

/** Files are objects at the bucket's top level, keyed by file name. */
export class S3FileStore implements FileStore {
  constructor(
    private readonly client: S3Client,
    private readonly bucket: string,
  ) {}

  async get(filename: string): Promise<StoredFile | undefined> {
    try {
      const out = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: filename }));
      // In Node the SDK hands back the HTTP response itself: passed on as a stream, never buffered.
      const body = out.Body instanceof Readable ? out.Body : Readable.from([]);
      return { body, size: out.ContentLength ?? 0, contentType: out.ContentType ?? DEFAULT_CONTENT_TYPE };
    } catch (error) {
      if (error instanceof NoSuchKey || (error as { name?: string }).name === "NoSuchKey") return undefined;
      throw error;
    }
  }

  async put(filename: string, body: FileBody, contentType: string): Promise<void> {
    const [payload, length] = body instanceof Uint8Array ? [body, body.byteLength] : [body.stream, body.size];
    await this.client.send(
      new PutObjectCommand({
        Bucket: this.bucket,
        Key: filename,
        Body: payload,
        // A stream of known length goes out as it is read (S3 needs the length up front).
        ContentLength: length,
        ContentType: contentType,
      }),
    );
  }

  /**
   * Pages with ListObjects (v1) and the last key as marker: a cursor that means the same on
   * S3, LocalStack and ministack, and that s3rver (whose truncated ListObjectsV2 fails) serves too.
   */
  async list({ limit, cursor }: PageRequest): Promise<Page<FileInfo>> {
    const out = await this.client.send(
      new ListObjectsCommand({
        Bucket: this.bucket,
        MaxKeys: limit,
        Marker: cursor === undefined ? undefined : decodeCursor(cursor, ["after"]).after,
      }),
    );
    const items = (out.Contents ?? []).map((object) => ({
      filename: object.Key ?? "",
      size: object.Size ?? 0,
      lastModified: (object.LastModified ?? new Date(0)).toISOString(),
    }));
    const last = items.at(-1)?.filename;
    return out.IsTruncated === true && last !== undefined
      ? { items, nextCursor: encodeCursor({ after: last }) }
      : { items };
  }
}
