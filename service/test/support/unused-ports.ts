import type { InventoryRepository } from "../../src/ports.ts";

/** A port method a test does not reach: called, it fails the test. */
export const unused = () => Promise.reject(new Error("not used in this test"));

/** An inventory repository for tests of the file routes. */
export const unusedRepository: InventoryRepository = {
  get: unused,
  list: unused,
  create: unused,
  replace: unused,
  delete: unused,
};
