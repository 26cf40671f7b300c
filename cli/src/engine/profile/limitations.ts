import type { EmulatorProfile, EmulatorTraits } from "./emulator-profile.ts";

/**
 * Where an emulator's API Gateway differs from AWS in a way a user of the stack meets, with what to
 * do instead. One source with the tests: the traits below are exactly the ones the behaviour suite
 * turns into gateway quirks (cli/test/support/gateway-quirks.ts; cli/test/gateway-limitations.test.ts
 * ties the two), and docs/emulators.md records each.
 */
export type GatewayIntegration = "HTTP_PROXY" | "AWS_PROXY";

export type GatewayTrait =
  | "httpProxyResponseHeaders"
  | "httpProxyPathDecoded"
  | "httpProxyBadPercentEscapes"
  | "httpProxyRequestContentEncoding"
  | "awsProxyPathDecoded"
  | "awsProxyRequestGzip"
  | "awsProxyBinaryResponses";

export interface Limitation {
  /** The profile trait (emulator-profile.ts) that differs from AWS. */
  trait: GatewayTrait;
  mode: string;
  /** What the user meets through the API URL. */
  summary: string;
  /** What to do instead. */
  instead: string;
}

interface TraitRow {
  integration: GatewayIntegration;
  /** What AWS's API Gateway does (the value of a profile without this limitation). */
  aws: EmulatorTraits[GatewayTrait];
  /** A few words for lists (doctor's kinds). */
  short: string;
  summary: string;
  instead: (direct: string) => string;
}

export const gatewayTraits: Record<GatewayTrait, TraitRow> = {
  httpProxyResponseHeaders: {
    short: "only Content-Type comes back",
    integration: "HTTP_PROXY",
    aws: "all",
    summary:
      "only Content-Type comes back through the API URL (ETag, Location, X-Request-Id and the service's other headers are dropped)",
    instead: (direct) => `read headers from ${direct}, or use LocalStack, whose gateway keeps them`,
  },
  httpProxyPathDecoded: {
    short: "encoded paths break",
    integration: "HTTP_PROXY",
    aws: false,
    summary:
      "a path that needs percent-encoding (non-ASCII such as ÄPFEL-7, %00, %2F) answers 500 or another route through the API URL",
    instead: (direct) => `send such paths to ${direct}, or use LocalStack`,
  },
  httpProxyBadPercentEscapes: {
    short: "a stray % becomes %25",
    integration: "HTTP_PROXY",
    aws: "as-sent",
    summary: "a % that starts no valid escape reaches the service re-encoded as %25 (a literal %)",
    instead: (direct) => `send such paths to ${direct}`,
  },
  httpProxyRequestContentEncoding: {
    short: "encoded request bodies arrive decoded",
    integration: "HTTP_PROXY",
    aws: "kept",
    summary:
      "a request body sent with Content-Encoding reaches the service decoded and without the header (a body that is not gzip gets 500)",
    instead: (direct) => `send encoded uploads to ${direct}, or use ministack`,
  },
  awsProxyPathDecoded: {
    short: "%2F becomes /",
    integration: "AWS_PROXY",
    aws: false,
    summary: "an encoded / (%2F) in the path reaches the function as a separator, so another route answers",
    instead: () => "avoid / in SKUs and file names, or use LocalStack",
  },
  awsProxyRequestGzip: {
    short: "gzip bodies arrive gunzipped",
    integration: "AWS_PROXY",
    aws: "kept",
    summary:
      "a gzip request body reaches the function gunzipped with Content-Encoding: identity (a body that is not gzip gets 500)",
    instead: () => "send uploads uncompressed, or use ministack",
  },
  awsProxyBinaryResponses: {
    short: "binary downloads come back as base64 for Accept: */*",
    integration: "AWS_PROXY",
    aws: "decoded",
    summary:
      "a binary download through the API URL comes back as base64 text unless the request's first Accept type is application/octet-stream (curl and fetch send */*)",
    instead: () =>
      "send Accept: application/octet-stream, or let stackctl start LocalStack (no --endpoint; it corrects this), or use ministack",
  },
};

/** Which integration each mode's API uses (modes/table.ts); a mode not listed has no known limits. */
const integrationOfMode: Readonly<Record<string, GatewayIntegration>> = {
  container: "HTTP_PROXY",
  lambda: "AWS_PROXY",
};

export function integrationOf(mode: string): GatewayIntegration | undefined {
  return integrationOfMode[mode];
}

/** The traits of one integration, in table order. */
export function traitsOf(integration: GatewayIntegration): GatewayTrait[] {
  return (Object.keys(gatewayTraits) as GatewayTrait[]).filter(
    (trait) => gatewayTraits[trait].integration === integration,
  );
}

/**
 * The limitations `mode` meets on this emulator. `directUrl`: the container's own URL when known
 * (container mode after a deploy); else the words that say where to find it.
 */
export function limitationsFor(
  profile: EmulatorProfile,
  mode: string,
  directUrl?: string | null,
): Limitation[] {
  const integration = integrationOf(mode);
  if (integration === undefined) return [];
  const direct =
    directUrl === undefined || directUrl === null
      ? "the direct URL (stackctl status shows it)"
      : `the direct URL ${directUrl}`;
  return traitsOf(integration)
    .filter((trait) => profile[trait] !== gatewayTraits[trait].aws)
    .map((trait) => ({
      trait,
      mode,
      summary: gatewayTraits[trait].summary,
      instead: gatewayTraits[trait].instead(direct),
    }));
}

/** One line for the warning event and doctor: what differs from AWS and what to do instead. */
export function limitationsLine(
  profile: EmulatorProfile,
  mode: string,
  limits: readonly Limitation[],
): string {
  const items = limits.map((limit, index) => `(${index + 1}) ${limit.summary} → ${limit.instead}`);
  return `${profile.kind} ${profile.version} in ${mode} mode differs from AWS: ${items.join("; ")}`;
}
