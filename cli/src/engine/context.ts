import type { Environment } from "../config/env.ts";
import type { StackctlConfig } from "../config/schema.ts";
import type { EmitEvent } from "./events.ts";

/** What every engine operation gets: resolved config, an event sink and the Ctrl-C signal. */
export interface EngineContext {
  config: StackctlConfig;
  emit: EmitEvent;
  signal: AbortSignal;
  /** Passed to child processes such as `docker compose` (it carries LOCALSTACK_AUTH_TOKEN). */
  env: Environment;
  dryRun: boolean;
  explain: boolean;
}
