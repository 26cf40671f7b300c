import type { StackctlConfig } from "../../config/schema.ts";

/** Where stackctl runs (or finds) the LocalStack it manages when no endpoint is named. */
export function managedEndpoint(port: number): string {
  return `http://127.0.0.1:${port}`;
}

/**
 * The one answer to "which emulator is this stack's": the endpoint the user named (flag, env,
 * config), else the one the stack's ledger recorded at its last `up`, else the managed LocalStack.
 */
export function stackEndpoint(
  config: Pick<StackctlConfig, "endpoint" | "emulator">,
  recorded?: string | undefined,
): string {
  return config.endpoint ?? recorded ?? managedEndpoint(config.emulator.port);
}
