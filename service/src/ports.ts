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

export interface StoredFile {
  body: Uint8Array;
  contentType: string;
}

export interface FileInfo {
  filename: string;
  size: number;
  lastModified: string;
}

export interface FileStore {
  get(filename: string): Promise<StoredFile | undefined>;
  put(filename: string, body: Uint8Array, contentType: string): Promise<void>;
  list(page: PageRequest): Promise<Page<FileInfo>>;
}

export type Clock = () => Date;
