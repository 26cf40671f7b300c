import { describe, expect, it } from "vitest";
import { type GatewayQuirks, noQuirks } from "../../service/test/behaviour/driver.ts";
import { binaryDownloadsCorrection } from "../src/engine/emulator/corrections.ts";
import type { EmulatorKind } from "../src/engine/emulator/probe.ts";
import { type EmulatorProfile, profileFor } from "../src/engine/profile/emulator-profile.ts";
import {
  type GatewayTrait,
  gatewayTraits,
  integrationOf,
  limitationsFor,
  limitationsLine,
} from "../src/engine/profile/limitations.ts";
import { awsProxyQuirks, httpProxyQuirks } from "./support/gateway-quirks.ts";

// One source: the profile traits the behaviour suite turns into gateway quirks are exactly the ones
// `up`, `switch` and `doctor` name as limitations.
const kinds: EmulatorKind[] = ["localstack", "ministack", "unknown"];
const profileOf = (kind: EmulatorKind, corrections?: string[]) =>
  profileFor({
    kind,
    version: "v",
    edition: "e",
    endpoint: "http://127.0.0.1:4566",
    ...(corrections === undefined ? {} : { corrections }),
  });
const binaryMediaTypes = ["*/*", "application/octet-stream"];
/** The suite's quirks for this mode, without optional entries that say "as AWS" (`eventPathDecoded: false`). */
function quirksOf(mode: string, profile: EmulatorProfile): GatewayQuirks {
  const quirks = mode === "container" ? httpProxyQuirks(profile) : awsProxyQuirks(profile, binaryMediaTypes);
  const { eventPathDecoded, ...rest } = quirks;
  return eventPathDecoded === true ? quirks : rest;
}

/** A profile that behaves as AWS's gateway does in every trait the limitations know. */
function awsLike(base: EmulatorProfile): EmulatorProfile {
  const profile = { ...base } as Record<string, unknown>;
  for (const [trait, row] of Object.entries(gatewayTraits)) profile[trait] = row.aws;
  return profile as unknown as EmulatorProfile;
}

/** The value some emulator has where it differs from AWS. */
function nonAwsValue(trait: GatewayTrait): unknown {
  const value = kinds.map((kind) => profileOf(kind)[trait]).find((v) => v !== gatewayTraits[trait].aws);
  if (value === undefined) throw new Error(`no emulator differs from AWS in ${trait}`);
  return value;
}

describe("gateway limitations and the behaviour suite's quirks", () => {
  for (const mode of ["container", "lambda"]) {
    const integration = integrationOf(mode);
    it(`${mode} mode: a profile as AWS has no limitation and no quirk`, () => {
      expect(integration).toBeDefined();
      const aws = awsLike(profileOf("unknown"));
      expect(limitationsFor(aws, mode)).toEqual([]);
      expect(quirksOf(mode, aws)).toEqual(noQuirks);
    });

    for (const trait of Object.keys(gatewayTraits) as GatewayTrait[]) {
      const ownTrait = gatewayTraits[trait].integration === integration;
      it(`${mode} mode: ${trait} ${ownTrait ? "is both a limitation and a quirk" : "is neither"} when it differs from AWS`, () => {
        const profile = { ...awsLike(profileOf("unknown")), [trait]: nonAwsValue(trait) } as EmulatorProfile;
        const limits = limitationsFor(profile, mode);
        expect(limits.map((limit) => limit.trait)).toEqual(ownTrait ? [trait] : []);
        if (ownTrait) expect(quirksOf(mode, profile)).not.toEqual(noQuirks);
        else expect(quirksOf(mode, profile)).toEqual(noQuirks);
      });
    }

    for (const kind of kinds) {
      it(`${mode} mode on ${kind}: the limitations are the traits whose quirks differ from AWS`, () => {
        const profile = profileOf(kind);
        const named = limitationsFor(profile, mode).map((limit) => limit.trait);
        const differing = (Object.keys(gatewayTraits) as GatewayTrait[]).filter(
          (trait) =>
            JSON.stringify(
              quirksOf(mode, { ...awsLike(profile), [trait]: profile[trait] } as EmulatorProfile),
            ) !== JSON.stringify(noQuirks),
        );
        expect(named).toEqual(differing);
      });
    }
  }

  it("names what each emulator meets, with what to do instead", () => {
    const ministack = limitationsFor(profileOf("ministack"), "container", "http://127.0.0.1:49153");
    expect(ministack.map((limit) => limit.trait)).toEqual([
      "httpProxyResponseHeaders",
      "httpProxyPathDecoded",
    ]);
    expect(ministack[0]?.instead).toContain("the direct URL http://127.0.0.1:49153");
    expect(limitationsLine(profileOf("ministack"), "container", ministack)).toMatch(
      /^ministack v in container mode differs from AWS: \(1\) only Content-Type .* → read headers from the direct URL http:\/\/127\.0\.0\.1:49153/,
    );
    expect(limitationsFor(profileOf("localstack"), "lambda").map((limit) => limit.trait)).toEqual([
      "awsProxyRequestGzip",
      "awsProxyBinaryResponses",
    ]);
    // The managed LocalStack's correction (compose/localstack/ready.d) removes the download limitation.
    expect(
      limitationsFor(profileOf("localstack", [binaryDownloadsCorrection]), "lambda").map(
        (limit) => limit.trait,
      ),
    ).toEqual(["awsProxyRequestGzip"]);
    expect(limitationsFor(profileOf("ministack"), "static")).toEqual([]);
  });
});
