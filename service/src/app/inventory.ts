import { DomainError, itemNotFound } from "../domain/errors.ts";
import { type Item, parseNewItem, parseReplacement } from "../domain/item.ts";
import { parseSku } from "../domain/sku.ts";
import type { Clock, InventoryRepository, Page, PageRequest } from "../ports.ts";

/** Inventory use cases over the repository port. Inputs are raw request values; validation is the domain's. */
export class InventoryService {
  constructor(
    private readonly repository: InventoryRepository,
    private readonly clock: Clock = () => new Date(),
  ) {}

  list(page: PageRequest): Promise<Page<Item>> {
    return this.repository.list(page);
  }

  async get(rawSku: string): Promise<Item> {
    const sku = parseSku(rawSku);
    const item = await this.repository.get(sku);
    if (item === undefined) throw itemNotFound(sku);
    return item;
  }

  async create(body: unknown): Promise<Item> {
    const input = parseNewItem(body);
    const item: Item = { ...input, updatedAt: this.clock().toISOString(), version: 1 };
    await this.repository.create(item);
    return item;
  }

  /**
   * Replaces an item's fields when the client proves it saw the current version, through
   * If-Match or the body's `version` (they must agree when both are sent).
   */
  async replace(rawSku: string, body: unknown, ifMatchVersion: number | undefined): Promise<Item> {
    const sku = parseSku(rawSku);
    const { fields, version: bodyVersion } = parseReplacement(body, sku);
    if (ifMatchVersion !== undefined && bodyVersion !== undefined && ifMatchVersion !== bodyVersion) {
      throw new DomainError(
        "validation",
        "validation_failed",
        `If-Match (${ifMatchVersion}) and body version (${bodyVersion}) disagree`,
        "version",
      );
    }
    const expected = ifMatchVersion ?? bodyVersion;
    if (expected === undefined) {
      throw new DomainError(
        "precondition_required",
        "precondition_required",
        `send the version you last read, as If-Match: "<version>" or a "version" field (GET /inventory/${sku} shows it)`,
        "version",
      );
    }
    const item: Item = { sku, ...fields, updatedAt: this.clock().toISOString(), version: expected + 1 };
    await this.repository.replace(item, expected);
    return item;
  }

  async delete(rawSku: string, ifMatchVersion: number | undefined): Promise<void> {
    await this.repository.delete(parseSku(rawSku), ifMatchVersion);
  }
}
