import type { Secrets } from "../config/env.ts";
import type { StackctlConfig } from "../config/schema.ts";
import type { EmitEvent } from "./events.ts";

/** What every engine operation gets: resolved config, an event sink and the Ctrl-C signal. */
export interface EngineContext {
  config: StackctlConfig;
  emit: EmitEvent;
  signal: AbortSignal;
  /** Handed to LocalStack (compose) when set; never printed or recorded. */
  secrets: Secrets;
  dryRun: boolean;
  explain: boolean;
}
