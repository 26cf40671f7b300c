import type { AwsPorts } from "../engine/ports.ts";
import { createBuckets } from "./aws-buckets.ts";
import { AwsClients, type AwsTarget } from "./aws-clients.ts";
import { createFunctions } from "./aws-functions.ts";
import { createLogs } from "./aws-logs.ts";
import { createRegistry } from "./aws-registry.ts";
import { createRestApis } from "./aws-rest-apis.ts";
import { createRoles } from "./aws-roles.ts";
import { createTables } from "./aws-tables.ts";

/** Every AWS port against one emulator, over one set of SDK clients (each SDK loads on first use). */
export function awsPortsOver(clients: AwsClients): AwsPorts {
  return {
    tables: createTables(clients),
    buckets: createBuckets(clients),
    restApis: createRestApis(clients),
    registry: createRegistry(clients),
    functions: createFunctions(clients),
    roles: createRoles(clients),
    logs: createLogs(clients),
    close: () => clients.destroy(),
  };
}

export function createAwsPorts(target: AwsTarget): AwsPorts {
  return awsPortsOver(new AwsClients(target));
}
