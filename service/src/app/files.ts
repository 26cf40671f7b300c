import { DomainError } from "../domain/errors.ts";
import { parseFilename } from "../domain/filename.ts";
import type { Clock, FileInfo, FileStore, Page, PageRequest, StoredFile } from "../ports.ts";
import { contentTypeFor } from "./content-type.ts";

export class FilesService {
  constructor(
    private readonly store: FileStore,
    private readonly clock: Clock = () => new Date(),
  ) {}

  async download(rawName: string): Promise<StoredFile & { filename: string }> {
    const filename = parseFilename(rawName);
    const file = await this.store.get(filename);
    if (file === undefined)
      throw new DomainError("not_found", "file_not_found", `no file named '${filename}'`);
    return { ...file, filename };
  }

  /** Stores the bytes as sent; the declared type wins over one guessed from the extension. */
  async upload(
    rawName: string,
    body: Uint8Array,
    declaredType: string | undefined,
  ): Promise<FileInfo & { contentType: string }> {
    const filename = parseFilename(rawName);
    const contentType = declaredType ?? contentTypeFor(filename);
    await this.store.put(filename, body, contentType);
    return { filename, size: body.byteLength, contentType, lastModified: this.clock().toISOString() };
  }

  list(page: PageRequest): Promise<Page<FileInfo>> {
    return this.store.list(page);
  }
}
