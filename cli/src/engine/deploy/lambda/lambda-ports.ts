import type { AwsClients } from "../../../adapters/aws-clients.ts";
import type { Functions, Logs, Registry, Roles } from "../../ports.ts";

export interface LambdaPorts {
  functions: Functions;
  registry: Registry;
  roles: Roles;
  logs: Logs;
}

/** The SDK adapters lambda mode talks through, imported on first use. */
export async function lambdaPorts(clients: AwsClients): Promise<LambdaPorts> {
  const [{ createFunctions }, { createRegistry }, { createRoles }, { createLogs }] = await Promise.all([
    import("../../../adapters/aws-functions.ts"),
    import("../../../adapters/aws-registry.ts"),
    import("../../../adapters/aws-roles.ts"),
    import("../../../adapters/aws-logs.ts"),
  ]);
  return {
    functions: createFunctions(clients),
    registry: createRegistry(clients),
    roles: createRoles(clients),
    logs: createLogs(clients),
  };
}

export function logGroupOf(functionName: string): string {
  return `/aws/lambda/${functionName}`;
}
