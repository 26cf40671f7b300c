import { expect } from "vitest";
import { bucketExists, type emulatorClients, tableExists } from "./emulator-clients.ts";
import { awsLeftovers, Docker, leftovers } from "./kill-trials.ts";

/** Fails the test unless nothing labelled or tagged with the stack is left, in Docker or on the emulator. */
export async function expectNothingLeft(
  endpoint: string,
  clients: ReturnType<typeof emulatorClients>,
  stack: string,
): Promise<void> {
  expect(await leftovers(new Docker(), stack)).toEqual({ containers: 0, images: 0, networks: 0 });
  expect(await awsLeftovers(endpoint, stack)).toEqual({ functions: [], restApis: [], role: false });
  expect(await tableExists(clients, `${stack}-inventory`)).toBe(false);
  expect(await bucketExists(clients, `${stack}-files`)).toBe(false);
}
