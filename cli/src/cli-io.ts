import type { PortOverrides } from "./composition/ports.ts";
import type { Environment } from "./config/env.ts";
import type { OutputStream } from "./report/types.ts";

/** Everything `main` touches of the outside world, so tests run commands in-process. */
export interface CliIo {
  stdout: OutputStream;
  stderr: OutputStream;
  env: Environment;
  cwd: string;
  /** Aborted on Ctrl-C; the command then stops between steps and exits 130. */
  signal?: AbortSignal;
  /** Replaces ports (tests pass fakes); composition/ports.ts fills the rest with the real adapters. */
  enginePorts?: PortOverrides;
}
