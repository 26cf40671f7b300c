import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type GatewayQuirks, noQuirks } from "../../service/test/behaviour/driver.ts";
import { httpDriver } from "../../service/test/behaviour/http-driver.ts";
import { describeBehaviour } from "../../service/test/behaviour/suite.ts";
import { detectTier } from "../../test/support/tiers.ts";
import { probeEmulator } from "../src/composition/ports.ts";
import { profileFor } from "../src/engine/profile/emulator-profile.ts";
import { e2eStacks } from "./support/e2e-stacks.ts";
import { httpProxyQuirks, quirkTrait } from "./support/gateway-quirks.ts";
import { okData } from "./support/nd-json.ts";

// The service's behaviour suite through a stack `stackctl up --mode container` deployed: the
// container's direct URL, and API Gateway → container with exactly the gateway's documented quirks.
const tier = await detectTier({ docker: true, emulator: true }, import.meta.url);

describe.skipIf(tier.skipReason !== undefined)("behaviour of a container-mode stack", () => {
  // The suite's upload-limit case expects the 64 KiB limit every driver is given.
  const stacks = e2eStacks(tier.env.endpoint, { STACKCTL_MAX_UPLOAD_BYTES: "65536" });
  const urls = { api: "", direct: "" };
  let quirks: GatewayQuirks | undefined;
  let upOut = "";

  beforeAll(async () => {
    const { cli } = await stacks.create("ctr-suite");
    const up = await cli("up", "--mode", "container", "--json");
    if (up.code !== 0) throw new Error(`up failed:\n${up.stdout}\n${up.stderr}`);
    upOut = up.stdout;
    const data = okData<{ apiUrl: string; directUrl: string }>(up.stdout);
    urls.api = data.apiUrl;
    urls.direct = data.directUrl;
    const probe = await probeEmulator(tier.env.endpoint, new AbortController().signal);
    if (probe.state !== "ready") throw new Error(`emulator at ${tier.env.endpoint}: ${probe.detail}`);
    quirks = httpProxyQuirks(profileFor(probe.info));
  });
  afterAll(() => stacks.cleanup());

  it("up warns once about the gateway's differences, the same the suite expects, naming the direct URL", () => {
    const lines = upOut
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    const warnings = lines.filter((line) => line.step === "emulator.limitations");
    const result = okData<{ emulator: { limitations: { trait: string; instead: string }[] } }>(upOut);
    const named = result.emulator.limitations.map((limit) => limit.trait);
    // The traits the suite turns into quirks (support/gateway-quirks.ts) where they differ from AWS.
    const differing = Object.entries(quirks ?? {})
      .filter(([key, value]) => value !== (noQuirks as unknown as Record<string, unknown>)[key])
      .map(([key]) => quirkTrait[key]);
    expect(named).toEqual(differing);
    expect(warnings).toHaveLength(named.length > 0 ? 1 : 0);
    if (named.length > 0) {
      expect(warnings[0]).toMatchObject({
        status: "warn",
        message: expect.stringContaining(`the direct URL ${urls.direct}`),
      });
      if (tier.profile === "ministack")
        expect(warnings[0]?.message).toContain("only Content-Type comes back");
    }
  });

  describe("direct URL", () => describeBehaviour(() => httpDriver("container", urls.direct, "container")));
  describe("API Gateway → container", () =>
    describeBehaviour(() => ({
      ...httpDriver("apigw-container", urls.api, "container"),
      ...(quirks === undefined ? {} : { quirks }),
    })));
});
