// The service's pure rules, for other workspaces (the CLI seeds items the service must accept, and
// files with the Content-Type the service would give them).
export { contentTypeFor } from "./content-type.ts";
export { DomainError } from "./errors.ts";
export { type Item, type ItemFields, parseNewItem } from "./item.ts";
export { parseSku } from "./sku.ts";
