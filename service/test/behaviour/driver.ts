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

/**
 * What a gateway in front of the service is documented to change (docs/emulators.md, the CLI's
 * emulator profile). The suite expects exactly these differences and nothing else.
 */
export interface GatewayQuirks {
  /** Which response headers of the service come back: all, or only Content-Type (ministack HTTP_PROXY). */
  responseHeaders: "all" | "content-type";
  /**
   * The gateway decodes the path before forwarding it (ministack HTTP_PROXY): a path that needs
   * percent-encoding does not reach the service as sent.
   */
  pathDecoded: boolean;
  /**
   * What the gateway does with a `%` that starts no valid escape: passes it on, or re-encodes it as
   * `%25` (LocalStack), so the service reads a literal `%`.
   */
  badPercentEscapes: "as-sent" | "re-encoded";
  /**
   * A request body with Content-Encoding: passed on; decoded with the header dropped (LocalStack
   * HTTP_PROXY); or, for gzip only, inflated with the header turned into `identity` (LocalStack
   * AWS_PROXY). Decoded either way, the service reads a body without an encoding.
   */
  requestContentEncoding: "kept" | "decoded" | "gzip-decoded-as-identity";
  /**
   * The Lambda proxy event's `path` arrives decoded (ministack AWS_PROXY): an encoded `/` (`%2F`)
   * becomes a path separator, so another route answers; other escapes reach the handler intact.
   */
  eventPathDecoded?: boolean;
  /**
   * The gateway decodes the Lambda entry's base64 bodies (every answer that is not UTF-8 text: binary
   * file downloads) only when the request's first Accept type is one of these (`type/*` covers its
   * subtypes; no Accept counts as the wildcard that fetch and curl send); otherwise the body is the
   * base64 text, with the service's Content-Type and the text's length (LocalStack AWS_PROXY).
   * Unset: decoded for every request.
   */
  base64DecodedForAccept?: string[];
}

export const noQuirks: GatewayQuirks = {
  responseHeaders: "all",
  pathDecoded: false,
  badPercentEscapes: "as-sent",
  requestContentEncoding: "kept",
};

export interface Driver {
  /** Shown in test names. */
  name: string;
  /** The `mode` GET / reports through this driver. */
  mode: "container" | "lambda";
  send(request: HttpRequest): Promise<HttpResponse>;
  /** Unset: none (the service's own answers). */
  quirks?: GatewayQuirks;
}

export function jsonOf(response: HttpResponse): unknown {
  return JSON.parse(response.body.toString("utf8"));
}
