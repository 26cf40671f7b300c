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

export interface Processes {
  /** Runs `script` with the Node that runs the CLI; the exit code and stdout+stderr interleaved. */
  runNode(
    script: string,
    args: string[],
    options: { cwd: string; signal: AbortSignal },
  ): Promise<{ exitCode: number; output: string }>;
}

export interface Platform {
  /** The CPU architecture in Docker's words (amd64, arm64): what an image built here runs on. */
  arch: string;
}
