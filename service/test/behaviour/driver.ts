/** One HTTP exchange, whatever carries it: a socket, a Lambda event, API Gateway. */
export interface HttpRequest {
  method: string;
  /** Percent-encoded path plus optional query, e.g. `/inventory/K%C3%A4se?limit=2`. */
  path: string;
  headers?: Record<string, string>;
  body?: string | Uint8Array;
}

export interface HttpResponse {
  status: number;
  /** Lower-case names. */
  headers: Record<string, string>;
  body: Buffer;
}

export interface Driver {
  /** Shown in test names. */
  name: string;
  /** The `mode` GET / reports through this driver. */
  mode: "container" | "lambda";
  send(request: HttpRequest): Promise<HttpResponse>;
}

export function jsonOf(response: HttpResponse): unknown {
  return JSON.parse(response.body.toString("utf8"));
}
