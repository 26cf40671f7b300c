import type { Readable } from "node:stream";
import type { Item } from "./domain/item.ts";
import type { PageQuery } from "./domain/paging.ts";

export interface Page<T> {
  items: T[];
  /** Opaque; pass back to get the next page. Absent on the last page. */
  nextCursor?: string;
}

/** What a list call asks for; the cursor is one the same adapter issued. */
export type PageRequest = PageQuery;

export interface InventoryRepository {
  get(sku: string): Promise<Item | undefined>;
  list(page: PageRequest): Promise<Page<Item>>;
  /** Fails with `already_exists` when the SKU is taken. */
  create(item: Item): Promise<void>;
  /** Writes `item` only if the stored version equals `expectedVersion`; `not_found` / `version_conflict` otherwise. */
  replace(item: Item, expectedVersion: number): Promise<void>;
  /** Fails with `not_found`, or `version_conflict` when `expectedVersion` is given and differs. */
  delete(sku: string, expectedVersion?: number): Promise<void>;
}

/** A stored file as read: its bytes as a stream (never all in memory), their count and type. */
export interface StoredFile {
  body: Readable;
  size: number;
  contentType: string;
}

/** Bytes to store: in memory, or a stream of exactly `size` bytes (an upload read as it arrives). */
export type FileBody = Uint8Array | { stream: Readable; size: number };

export interface FileInfo {
  filename: string;
  size: number;
  lastModified: string;
}

export interface FileStore {
  get(filename: string): Promise<StoredFile | undefined>;
  put(filename: string, body: FileBody, contentType: string): Promise<void>;
  list(page: PageRequest): Promise<Page<FileInfo>>;
}

export type Clock = () => Date;
