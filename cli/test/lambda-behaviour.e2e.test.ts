import { APIGatewayClient, GetRestApiCommand } from "@aws-sdk/client-api-gateway";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { GatewayQuirks } from "../../service/test/behaviour/driver.ts";
import { httpDriver } from "../../service/test/behaviour/http-driver.ts";
import { describeBehaviour } from "../../service/test/behaviour/suite.ts";
import { awsConfig } from "../../test/support/aws-config.ts";
import { detectTier } from "../../test/support/tiers.ts";
import { probeEmulator } from "../src/composition/ports.ts";
import { profileFor } from "../src/engine/profile/emulator-profile.ts";
import { e2eStacks } from "./support/e2e-stacks.ts";
import { awsProxyQuirks } from "./support/gateway-quirks.ts";
import { okData } from "./support/nd-json.ts";

// The service's behaviour suite through a stack `stackctl up --mode lambda` deployed: API Gateway →
// Lambda (AWS_PROXY) answers as the service does in-process, binary downloads byte for byte and
// headers included, except for the gateway's documented quirks (docs/emulators.md).
const tier = await detectTier({ docker: true, emulator: true }, import.meta.url);

// What this file asserts is decided by the emulator's capability, as the CLI detects it (a dry run
// creates nothing): where image functions run (ministack), the suite through the image package;
// where they do not (LocalStack community), the CLI's refusal of --package image and the suite
// through the zip package it picks instead. Nothing is skipped on either.
const probes = e2eStacks(tier.env.endpoint);
const imageLambdas = tier.skipReason === undefined ? await emulatorRunsImageFunctions() : false;
const lambdaPackage = imageLambdas ? "image" : "zip";

async function emulatorRunsImageFunctions(): Promise<boolean> {
  const { cli } = await probes.create("caps");
  const plan = await cli("up", "--mode", "lambda", "--dry-run", "--json");
  const data = okData<{ emulator: { capabilities: { imageLambdas: boolean } | null } }>(plan.stdout);
  if (data.emulator.capabilities === null)
    throw new Error(`up --dry-run detected no capabilities:\n${plan.stdout}`);
  return data.emulator.capabilities.imageLambdas;
}

async function binaryMediaTypesOf(restApiId: string): Promise<string[]> {
  const apigw = new APIGatewayClient(awsConfig(tier.env.endpoint));
  try {
    return (await apigw.send(new GetRestApiCommand({ restApiId }))).binaryMediaTypes ?? [];
  } finally {
    apigw.destroy();
  }
}

describe.skipIf(tier.skipReason !== undefined)(`lambda mode (${lambdaPackage} package)`, () => {
  afterAll(() => probes.cleanup());

  if (!imageLambdas) {
    describe("no image functions on this emulator", () => {
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
  }

  describe("behaviour of a lambda-mode stack", () => {
    // The suite's upload-limit case expects the 64 KiB limit every driver is given.
    const stacks = e2eStacks(tier.env.endpoint, { STACKCTL_MAX_UPLOAD_BYTES: "65536" });
    const urls = { api: "" };
    let quirks: GatewayQuirks | undefined;

    beforeAll(async () => {
      const { cli } = await stacks.create("lam-suite");
      const up = await cli("up", "--mode", "lambda", "--json");
      if (up.code !== 0) throw new Error(`up failed:\n${up.stdout}\n${up.stderr}`);
      const data = okData<{
        apiUrl: string;
        resources: { restApiId: string };
        deploy: { package: string };
      }>(up.stdout);
      // `auto` must have picked the package this emulator's capability implies.
      expect(data.deploy.package).toBe(lambdaPackage);
      urls.api = data.apiUrl;
      const probe = await probeEmulator(tier.env.endpoint, new AbortController().signal);
      if (probe.state !== "ready") throw new Error(`emulator at ${tier.env.endpoint}: ${probe.detail}`);
      quirks = awsProxyQuirks(profileFor(probe.info), await binaryMediaTypesOf(data.resources.restApiId));
    }, 120_000);
    afterAll(() => stacks.cleanup());

    describe("API Gateway → Lambda", () =>
      describeBehaviour(() => ({
        ...httpDriver("apigw-lambda", urls.api, "lambda"),
        ...(quirks === undefined ? {} : { quirks }),
      })));
  });
});
