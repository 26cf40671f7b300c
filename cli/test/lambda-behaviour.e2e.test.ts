import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type GatewayQuirks, noQuirks } from "../../service/test/behaviour/driver.ts";
import { httpDriver } from "../../service/test/behaviour/http-driver.ts";
import { describeBehaviour } from "../../service/test/behaviour/suite.ts";
import { detectTier } from "../../test/support/tiers.ts";
import { probeEmulator } from "../src/engine/emulator/probe.ts";
import { profileFor } from "../src/engine/profile/emulator-profile.ts";
import { e2eStacks } from "./support/e2e-stacks.ts";
import { lambdaPackageUnderTest } from "./support/lambda-stack.ts";
import { okData } from "./support/nd-json.ts";

// The service's behaviour suite through a stack `stackctl up --mode lambda` deployed (the image
// package on the CI emulator): API Gateway → Lambda (AWS_PROXY) answers as the service does
// in-process, binary downloads byte for byte and headers included.
const tier = await detectTier({ docker: true, emulator: true }, import.meta.url);
// The scope: the image package on the CI emulator. LocalStack community runs zip functions,
// and its AWS_PROXY gateway has binary and encoding quirks the suite does not model yet
// (docs/emulators.md, "stackctl's lambda mode there").
const imagePackage = lambdaPackageUnderTest() === "image";

// Where the profile says image functions are absent, that absence is what this file asserts: the
// CLI refuses --package image with its code and hint, instead of the suite being skipped.
describe.skipIf(tier.skipReason !== undefined || imagePackage)("no image functions on this emulator", () => {
  const stacks = e2eStacks(tier.env.endpoint);
  afterAll(() => stacks.cleanup());
  it("up --mode lambda --package image fails with IMAGE_LAMBDA_UNSUPPORTED (exit 3) and names the way out", async () => {
    const { cli } = await stacks.create("no-image");
    const up = await cli("up", "--mode", "lambda", "--package", "image", "--json");
    expect(up.code, up.stdout).toBe(3);
    expect(up.result()).toMatchObject({
      ok: false,
      error: { code: "IMAGE_LAMBDA_UNSUPPORTED", hint: expect.stringContaining("--package zip") },
    });
  });
});

describe.skipIf(tier.skipReason !== undefined || !imagePackage)("behaviour of a lambda-mode stack", () => {
  // The suite's upload-limit case expects the 64 KiB limit every driver is given.
  const stacks = e2eStacks(tier.env.endpoint, { STACKCTL_MAX_UPLOAD_BYTES: "65536" });
  const urls = { api: "" };
  let quirks: GatewayQuirks | undefined;

  beforeAll(async () => {
    const { cli } = await stacks.create("lam-suite");
    const up = await cli("up", "--mode", "lambda", "--json");
    if (up.code !== 0) throw new Error(`up failed:\n${up.stdout}\n${up.stderr}`);
    urls.api = okData<{ apiUrl: string }>(up.stdout).apiUrl;
    const probe = await probeEmulator(tier.env.endpoint, new AbortController().signal);
    if (probe.state !== "ready") throw new Error(`emulator at ${tier.env.endpoint}: ${probe.detail}`);
    // AWS_PROXY passes every response header back; the event path is the emulator's to decode.
    quirks = { ...noQuirks, eventPathDecoded: profileFor(probe.info).awsProxyPathDecoded };
  }, 120_000);
  afterAll(() => stacks.cleanup());

  describe("API Gateway → Lambda", () =>
    describeBehaviour(() => ({
      ...httpDriver("apigw-lambda", urls.api, "lambda"),
      ...(quirks === undefined ? {} : { quirks }),
    })));
});
