import type { ContainerEngine, ContainerInfo } from "../../ports.ts";
import { roleLabel } from "../../stack-labels.ts";
import { functionPrefix } from "./function-spec.ts";

/**
 * The role docker-compose.yml's `LAMBDA_DOCKER_FLAGS` gives every function container the managed
 * LocalStack starts. The flags are the same for every function, whichever stack it belongs to.
 */
export const functionRole = "function";

/**
 * LocalStack 4.14 names an execution environment's container `<its own container>-lambda-<function,
 * lowercased, _ as ->-<runtime id: 32 hex>` (`docker_runtime_executor.py` `_generate_container_name`,
 * `execution_environment.py` `generate_runtime_id`). A stack's function names are
 * `stackctl-<stack>-fn-<10 hex>` (function-spec.ts), so the name tells the stack exactly: another
 * stack whose name starts with this one's (`a` and `a-fn-…`) never matches.
 */
export function environmentNamePattern(stack: string, functionNames?: string[]): RegExp {
  const functions =
    functionNames === undefined ? `${functionPrefix(stack)}[0-9a-f]{10}` : `(?:${functionNames.join("|")})`;
  return new RegExp(`-lambda-${functions}-[0-9a-f]{32}$`);
}

/** The managed LocalStack's function containers that run the stack's functions (or only those named). */
export async function stackEnvironments(
  engine: ContainerEngine,
  stack: string,
  functionNames?: string[],
): Promise<ContainerInfo[]> {
  if (functionNames?.length === 0) return [];
  const pattern = environmentNamePattern(stack, functionNames);
  const found = await engine.findContainers({ [roleLabel]: functionRole });
  return found.filter((container) => pattern.test(container.name));
}
