import { bucketRemover, tableRemover } from "./data-removers.ts";
import type { RemoverRegistry } from "./remover.ts";

/**
 * One remover per kind. `undefined` means stackctl cannot remove that kind yet: `down` then keeps
 * the resource in the ledger and says so ("no remover"), rather than pretending. A deploy step that
 * records a new kind registers its remover here (copy `data-removers.ts`).
 */
export const removers: RemoverRegistry = {
  table: tableRemover,
  bucket: bucketRemover,
  network: undefined,
  image: undefined,
  // Containers recorded in the ledger; unrecorded ones carrying the stack label are swept by
  // `remove-containers.ts` either way.
  container: undefined,
  repository: undefined,
  function: undefined,
  role: undefined,
  "rest-api": undefined,
  permission: undefined,
  "log-group": undefined,
};
