// The machine the CLI runs on: HTTP checks, host ports, child processes and the platform.
// Adapters: adapters/http.ts (fetch), adapters/host-ports.ts (node:net), adapters/processes.ts (execa).

export interface HttpRequest {
  method?: string;
  headers?: Record<string, string>;
  body?: string | Uint8Array;
  /** "manual": a redirect is itself the answer (the smoke checks read status codes as they come). */
  redirect?: "follow" | "manual";
  /** Gives up after this long, rejecting with a TimeoutError. */
  timeoutMs: number;
  signal?: AbortSignal;
}

export interface HttpResponse {
  status: number;
  /** The whole body, read before the promise resolves. */
  body: Uint8Array;
}

export interface Http {
  /** One request. Rejects as fetch does: a TypeError whose `cause.code` names it (ECONNREFUSED, …). */
  request(url: string, request: HttpRequest): Promise<HttpResponse>;
}

export interface HostPorts {
  /** Whether nothing listens on 127.0.0.1:port (so Docker can publish it). */
  isFree(port: number): Promise<boolean>;
}

export interface ProgramRun {
  cwd: string;
  /** Added to the CLI's own environment. */
  env?: Record<string, string>;
  signal: AbortSignal;
  /** Each line of stdout+stderr as it comes (progress). */
  onLine?: (line: string) => void;
}

export interface ProgramResult {
  /** -1 when it did not exit by itself (not found, killed). */
  exitCode: number;
  /** stdout+stderr interleaved. */
  output: string;
  /** The program is not on PATH (or not at the path given). */
  notFound: boolean;
}

export interface Processes {
  /** Runs `script` with the Node that runs the CLI; the exit code and stdout+stderr interleaved. */
  runNode(
    script: string,
    args: string[],
    options: { cwd: string; signal: AbortSignal },
  ): Promise<{ exitCode: number; output: string }>;
  /** Runs a program to completion. */
  run(command: string, args: string[], options: ProgramRun): Promise<ProgramResult>;
  /**
   * Starts a program that outlives the CLI: its own session and process group, no terminal, stdin
   * closed, stdout and stderr appended to `logFile`. `env` is added to the CLI's environment, and the
   * variables named in `unset` are taken out of it. Rejects when it cannot be started.
   */
  startDetached(
    command: string,
    args: string[],
    options: { cwd: string; env?: Record<string, string>; unset?: readonly string[]; logFile: string },
  ): Promise<{ pid: number }>;
  /** The command line of the running process `pid`; undefined when no process has that id. */
  commandLine(pid: number): Promise<string[] | undefined>;
  /** SIGTERM to the process group of `pid`, SIGKILL after `graceMs`; resolves once `pid` is gone. */
  stop(pid: number, graceMs: number): Promise<void>;
}

export interface Platform {
  /** The CPU architecture in Docker's words (amd64, arm64): what an image built here runs on. */
  arch: string;
}
