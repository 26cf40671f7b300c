import { afterAll, beforeAll, describe } from "vitest";
import type { GatewayQuirks } from "../../service/test/behaviour/driver.ts";
import { httpDriver } from "../../service/test/behaviour/http-driver.ts";
import { describeBehaviour } from "../../service/test/behaviour/suite.ts";
import { detectTier } from "../../test/support/tiers.ts";
import { probeEmulator } from "../src/engine/emulator/probe.ts";
import { profileFor } from "../src/engine/profile/emulator-profile.ts";
import { e2eStacks } from "./support/e2e-stacks.ts";
import { httpProxyQuirks } from "./support/gateway-quirks.ts";
import { okData } from "./support/nd-json.ts";

// The service's behaviour suite through a stack `stackctl up --mode container` deployed: the
// container's direct URL, and API Gateway → container with exactly the gateway's documented quirks.
const tier = await detectTier({ docker: true, emulator: true }, import.meta.url);

describe.skipIf(tier.skipReason !== undefined)("behaviour of a container-mode stack", () => {
  // The suite's upload-limit case expects the 64 KiB limit every driver is given.
  const stacks = e2eStacks(tier.env.endpoint, { STACKCTL_MAX_UPLOAD_BYTES: "65536" });
  const urls = { api: "", direct: "" };
  let quirks: GatewayQuirks | undefined;

  beforeAll(async () => {
    const { cli } = await stacks.create("ctr-suite");
    const up = await cli("up", "--mode", "container", "--json");
    if (up.code !== 0) throw new Error(`up failed:\n${up.stdout}\n${up.stderr}`);
    const data = okData<{ apiUrl: string; directUrl: string }>(up.stdout);
    urls.api = data.apiUrl;
    urls.direct = data.directUrl;
    const probe = await probeEmulator(tier.env.endpoint, new AbortController().signal);
    if (probe.state !== "ready") throw new Error(`emulator at ${tier.env.endpoint}: ${probe.detail}`);
    quirks = httpProxyQuirks(profileFor(probe.info));
  });
  afterAll(() => stacks.cleanup());

  describe("direct URL", () => describeBehaviour(() => httpDriver("container", urls.direct, "container")));
  describe("API Gateway → container", () =>
    describeBehaviour(() => ({
      ...httpDriver("apigw-container", urls.api, "container"),
      ...(quirks === undefined ? {} : { quirks }),
    })));
});
