import { functionRemover, repositoryRemover, roleRemover } from "../modes/lambda/removers.ts";
import { bucketRemover, tableRemover } from "./data-removers.ts";
import { containerRemover, imageRemover, networkRemover, restApiRemover } from "./deploy-removers.ts";
import type { RemoverRegistry } from "./remover.ts";

/**
 * One remover per kind. `undefined` means stackctl cannot remove that kind yet: `down` then keeps
 * the resource in the ledger and says so ("no remover"), rather than pretending. A deploy step that
 * records a new kind registers its remover here (copy `data-removers.ts`).
 */
export const removers: RemoverRegistry = {
  table: tableRemover,
  bucket: bucketRemover,
  // Unrecorded ones carrying the stack label are swept by remove-containers.ts and
  // deploy/teardown.ts either way (a lost ledger, a killed run).
  network: networkRemover,
  image: imageRemover,
  container: containerRemover,
  repository: repositoryRemover,
  function: functionRemover,
  role: roleRemover,
  "rest-api": restApiRemover,
  permission: undefined,
  "log-group": undefined,
};
