import { contentTypeFor, parseDeclaredContentType } from "../domain/content-type.ts";
import { DomainError } from "../domain/errors.ts";
import { parseFilename } from "../domain/filename.ts";
import type { Clock, FileBody, FileInfo, FileStore, Page, PageRequest, StoredFile } from "../ports.ts";

export class FilesService {
  constructor(
    private readonly store: FileStore,
    private readonly clock: Clock = () => new Date(),
    /** Largest file a download may return (Lambda's response payload limit); unlimited when absent. */
    private readonly maxDownloadBytes?: number,
  ) {}

  async download(rawName: string): Promise<StoredFile & { filename: string }> {
    const filename = parseFilename(rawName);
    const file = await this.store.get(filename);
    if (file === undefined)
      throw new DomainError("not_found", "file_not_found", `no file named '${filename}'`);
    if (this.maxDownloadBytes !== undefined && file.size > this.maxDownloadBytes) {
      file.body.destroy();
      throw new DomainError(
        "unprocessable",
        "file_too_large",
        `'${filename}' is ${file.size} bytes; this deployment returns at most ${this.maxDownloadBytes} (Lambda's payload limit): fetch it from S3 or through the container deployment`,
      );
    }
    return { ...file, filename };
  }

  /** Stores the bytes as sent; a declared type (checked) wins over one guessed from the extension. */
  async upload(
    rawName: string,
    body: FileBody,
    declaredType: string | undefined,
  ): Promise<FileInfo & { contentType: string }> {
    const filename = parseFilename(rawName);
    const contentType =
      declaredType === undefined ? contentTypeFor(filename) : parseDeclaredContentType(declaredType);
    await this.store.put(filename, body, contentType);
    const size = body instanceof Uint8Array ? body.byteLength : body.size;
    return { filename, size, contentType, lastModified: this.clock().toISOString() };
  }

  list(page: PageRequest): Promise<Page<FileInfo>> {
    return this.store.list(page);
  }
}
