import { createHash } from "node:crypto";
import { binaryDownloadsCorrection } from "../emulator/corrections.ts";
import type { EmulatorInfo, EmulatorKind } from "../emulator/probe.ts";

/**
 * "Which emulator is this and what can it do", in one place for the product and the tests.
 * Facts come from docs/emulators.md, where each is verified; a new emulator is one more entry in
 * `traits` plus its detection in ../emulator/probe.ts.
 */
export interface EmulatorTraits {
  /** The tag on CreateRestApi that fixes the API id, so the URL survives down/up and restarts. */
  restApiIdTag: string | undefined;
  /**
   * Which response headers of an HTTP_PROXY backend come back through API Gateway: all of them
   * (AWS, LocalStack), or only Content-Type (ministack 1.5.33).
   */
  httpProxyResponseHeaders: "all" | "content-type";
  /**
   * Whether HTTP_PROXY forwards the path decoded (ministack 1.5.33 substitutes the decoded
   * `{proxy}`): paths that need percent-encoding (non-ASCII, spaces, `%2F`) do not arrive as sent.
   */
  httpProxyPathDecoded: boolean;
  /** A `%` that starts no valid escape: forwarded as sent, or re-encoded as `%25` (LocalStack 4.14). */
  httpProxyBadPercentEscapes: "as-sent" | "re-encoded";
  /** A request body with Content-Encoding: forwarded, or decoded with the header dropped (LocalStack 4.14). */
  httpProxyRequestContentEncoding: "kept" | "decoded";
  /** Whether an AWS_PROXY event's `path` arrives decoded (ministack 1.5.33: `%2F` becomes `/`). */
  awsProxyPathDecoded: boolean;
  /**
   * A request body with `Content-Encoding: gzip` through AWS_PROXY: in the event as sent, or
   * gunzipped with the header turned into `identity` (LocalStack 4.14; other encodings are kept, and
   * a body that is not gzip gets the gateway's 500 "Not a gzipped file").
   */
  awsProxyRequestGzip: "kept" | "decoded-as-identity";
  /**
   * When a base64 Lambda response (`isBase64Encoded`) is decoded, `binaryMediaTypes` listing the
   * any-type wildcard: for every request (AWS, ministack 1.5.33), or only when the request's first
   * Accept type matches a listed type whose main type is not a wildcard (LocalStack 4.14 skips those);
   * otherwise the body is the base64 text.
   */
  awsProxyBinaryResponses: "decoded" | "decoded-for-listed-accept";
  /** The status API Gateway answers when an HTTP_PROXY backend does not answer. */
  httpProxyBackendDownStatus: number;
  /**
   * Whether ECR repository URIs are pushable as they are; ministack's name amazonaws.com and its
   * registry is served on the emulator's own port instead.
   */
  registryFromRepositoryUri: boolean;
}

const traits: Record<EmulatorKind, EmulatorTraits> = {
  localstack: {
    restApiIdTag: "_custom_id_",
    httpProxyResponseHeaders: "all",
    httpProxyPathDecoded: false,
    httpProxyBadPercentEscapes: "re-encoded",
    httpProxyRequestContentEncoding: "decoded",
    httpProxyBackendDownStatus: 500,
    awsProxyPathDecoded: false,
    awsProxyRequestGzip: "decoded-as-identity",
    awsProxyBinaryResponses: "decoded-for-listed-accept",
    registryFromRepositoryUri: true,
  },
  ministack: {
    restApiIdTag: "ms-custom-id",
    httpProxyResponseHeaders: "content-type",
    httpProxyPathDecoded: true,
    httpProxyBadPercentEscapes: "as-sent",
    httpProxyRequestContentEncoding: "kept",
    awsProxyPathDecoded: true,
    awsProxyRequestGzip: "kept",
    awsProxyBinaryResponses: "decoded",
    httpProxyBackendDownStatus: 500,
    registryFromRepositoryUri: false,
  },
  unknown: {
    restApiIdTag: undefined,
    httpProxyResponseHeaders: "all",
    httpProxyPathDecoded: false,
    httpProxyBadPercentEscapes: "as-sent",
    httpProxyRequestContentEncoding: "kept",
    awsProxyPathDecoded: false,
    awsProxyRequestGzip: "kept",
    awsProxyBinaryResponses: "decoded",
    httpProxyBackendDownStatus: 502,
    registryFromRepositoryUri: true,
  },
};

export interface EmulatorProfile extends EmulatorTraits {
  kind: EmulatorKind;
  version: string;
  edition: string;
  endpoint: string;
}

export function profileFor(
  info: Pick<EmulatorInfo, "kind" | "version" | "edition" | "endpoint" | "corrections">,
): EmulatorProfile {
  // The managed LocalStack's correction (../emulator/corrections.ts) makes its AWS_PROXY decode as AWS does.
  const corrected = info.corrections?.includes(binaryDownloadsCorrection) === true;
  return {
    ...traits[info.kind],
    ...(corrected ? { awsProxyBinaryResponses: "decoded" as const } : {}),
    kind: info.kind,
    version: info.version,
    edition: info.edition,
    endpoint: info.endpoint,
  };
}

/**
 * The REST API stage URL form that ministack and LocalStack (3.x, 4.x) both serve and that needs
 * no DNS: `<endpoint>/_aws/execute-api/<id>/<stage>/<path>`.
 */
export function stageUrl(endpoint: string, apiId: string, stage: string, path = "/"): string {
  const base = endpoint.replace(/^http:\/\/127\.0\.0\.1(?=[:/]|$)/, "http://localhost");
  return `${base}/_aws/execute-api/${apiId}/${stage}${path.startsWith("/") ? path : `/${path}`}`;
}

/** Where `docker push` goes for an ECR repository URI the emulator returned. */
export function registryFor(profile: EmulatorProfile, repositoryUri: string, override?: string): string {
  if (override !== undefined) return override;
  const host = repositoryUri.split("/")[0] ?? "";
  return profile.registryFromRepositoryUri && !host.endsWith(".amazonaws.com")
    ? host
    : new URL(profile.endpoint).host;
}

/** A REST API id fixed from the stack name: 10 characters of [a-z0-9], like AWS's own ids. */
export function fixedRestApiId(stack: string): string {
  return createHash("sha256").update(`stackctl:${stack}`).digest("hex").slice(0, 10);
}

/**
 * The profile a dry run plans against: the running emulator's, or, when none answers yet, that of
 * the LocalStack stackctl would start (a user-named endpoint that does not answer is planned the same way).
 */
export function plannedProfile(session: {
  endpoint: string;
  info: EmulatorInfo | undefined;
}): EmulatorProfile {
  return profileFor(
    session.info ?? {
      kind: "localstack",
      version: "",
      edition: "community",
      endpoint: session.endpoint,
      corrections: [],
    },
  );
}
