import type { Environment } from "./config/env.ts";
import type { EnginePorts } from "./engine/ports.ts";
import type { OutputStream } from "./report/types.ts";

/** Everything `main` touches of the outside world, so tests run commands in-process. */
export interface CliIo {
  stdout: OutputStream;
  stderr: OutputStream;
  env: Environment;
  cwd: string;
  /** Aborted on Ctrl-C; the command then stops between steps and exits 130. */
  signal?: AbortSignal;
  /** Replaces Docker access (tests pass a fake runtime). */
  enginePorts?: EnginePorts;
}
