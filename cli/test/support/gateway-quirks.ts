import { type GatewayQuirks, noQuirks } from "../../../service/test/behaviour/driver.ts";
import type { EmulatorProfile } from "../../src/engine/profile/emulator-profile.ts";

/**
 * The behaviour suite's gateway quirks, from the product's emulator profile: exactly the traits the
 * product names as limitations (cli/src/engine/profile/limitations.ts; the tie is
 * cli/test/gateway-limitations.test.ts).
 */

/** The HTTP_PROXY quirk each profile trait becomes (httpProxyQuirks). */
export const quirkTrait: Record<string, string> = {
  responseHeaders: "httpProxyResponseHeaders",
  pathDecoded: "httpProxyPathDecoded",
  badPercentEscapes: "httpProxyBadPercentEscapes",
  requestContentEncoding: "httpProxyRequestContentEncoding",
};

/** API Gateway → container (HTTP_PROXY). */
export function httpProxyQuirks(profile: EmulatorProfile): GatewayQuirks {
  return {
    responseHeaders: profile.httpProxyResponseHeaders,
    pathDecoded: profile.httpProxyPathDecoded,
    badPercentEscapes: profile.httpProxyBadPercentEscapes,
    requestContentEncoding: profile.httpProxyRequestContentEncoding,
  };
}

/**
 * API Gateway → Lambda (AWS_PROXY): every response header comes back; the event path, a gzip body
 * and base64 answers are the emulator's to decode (for the last, by the API's binaryMediaTypes).
 */
export function awsProxyQuirks(profile: EmulatorProfile, binaryMediaTypes: string[]): GatewayQuirks {
  return {
    ...noQuirks,
    requestContentEncoding: profile.awsProxyRequestGzip === "kept" ? "kept" : "gzip-decoded-as-identity",
    eventPathDecoded: profile.awsProxyPathDecoded,
    ...(profile.awsProxyBinaryResponses === "decoded-for-listed-accept"
      ? { base64DecodedForAccept: binaryMediaTypes.filter((type) => !type.startsWith("*/")) }
      : {}),
  };
}
