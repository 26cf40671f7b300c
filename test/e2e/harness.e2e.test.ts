import Docker from "dockerode";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAwsPorts } from "../../cli/src/adapters/aws-ports.ts";
import { createDockerEngine } from "../../cli/src/adapters/docker-engine.ts";
import { ensureStackApi, findStackApi, stageName } from "../../cli/src/engine/api/rest-api.ts";
import { type Capabilities, detectCapabilities } from "../../cli/src/engine/emulator/capabilities.ts";
import type { BuiltImage } from "../../cli/src/engine/image/ensure-image.ts";
import { tarContext } from "../../cli/src/engine/image/tar-context.ts";
import { ensureFunction, stackFunctions } from "../../cli/src/engine/modes/lambda/deploy-function.ts";
import { lambdaArchitecture, planFunction } from "../../cli/src/engine/modes/lambda/function-spec.ts";
import { functionRepository, pushFunctionImage } from "../../cli/src/engine/modes/lambda/push-image.ts";
import { stageUrl } from "../../cli/src/engine/profile/emulator-profile.ts";
import { awsConfig } from "../support/aws-config.ts";
import { poll } from "../support/poll.ts";
import { productEmulator, stackContext } from "../support/product-emulator.ts";
import { invokeRie, startRieContainer } from "../support/rie-container.ts";
import { repoRoot } from "../support/test-env.ts";
import { newTestRun, removeLabelled } from "../support/test-labels.ts";
import { detectTier, requireE2e } from "../support/tiers.ts";

// Proves the harness itself, through the product's own deploy steps: a handler image FROM the
// Lambda base runs as an image Lambda behind a REST API on the emulator, and as a plain container
// behind RIE. See docs/testing.md.
const tier = await detectTier({ docker: true, emulator: true }, "test/e2e/harness.e2e.test.ts");
// LocalStack community has no image functions and no ECR (its profile says so): there the
// absence itself is what this file proves, never a skip.
const emulator = tier.skipReason === undefined ? await productEmulator(tier.env.endpoint) : undefined;
const communityProfile = emulator?.profile.edition === "community";

interface HandlerAnswer {
  ok: boolean;
  path: string | null;
  awsEndpointUrl: string | null;
  emulatorHealth: number | string;
}

describe.skipIf(emulator === undefined)("test harness (docker engine + emulator)", () => {
  const { endpoint, lambdaBaseImage } = tier.env;
  const engine = createDockerEngine(undefined);
  const run = newTestRun("harness");
  const config = awsConfig(endpoint);
  const aws = createAwsPorts(config);
  const stack = `harness-${run.id}`;
  const localTag = `stackctl-harness-${run.id}:v1`;
  // The community check's function and the image push's repository (named after the local image).
  const functionName = `stackctl-harness-${run.id}`;
  let built: BuiltImage;
  let capabilities: Capabilities;
  let restApiId: string | undefined;

  beforeAll(async () => {
    const image = await engine.buildImage(
      {
        context: await tarContext(`${repoRoot}test/fixtures/harness-handler`),
        dockerfile: "Dockerfile",
        tag: localTag,
        labels: run.labels,
        buildArgs: { LAMBDA_BASE_IMAGE: lambdaBaseImage },
      },
      () => {},
    );
    built = {
      target: "lambda",
      tag: localTag,
      id: image.id,
      contentHash: "v1",
      architecture: image.architecture,
      baseImage: lambdaBaseImage,
      change: "built",
    };
    if (emulator === undefined) return;
    capabilities = await detectCapabilities(emulator.info, {
      registry: aws.registry,
      dockerReachable: async () => (await engine.state()).state === "up",
    });
  });

  afterAll(async () => {
    // Everything is removed even when a step failed; problems are reported, not thrown over the test's own error.
    const problems: string[] = [];
    const attempt = (what: string, step: Promise<unknown>) =>
      step.catch((error: Error) => problems.push(`${what}: ${error.message}`));
    // Found by the product's own lookup too: a failure inside ensureStackApi leaves no id here.
    const found =
      emulator === undefined ? undefined : await findStackApi(aws.restApis, emulator.profile, stack);
    for (const id of new Set([restApiId, found?.id])) {
      if (id) await attempt("delete REST API", aws.restApis.remove(id));
    }
    const functions = await stackFunctions(aws.functions, stack).catch(() => []);
    for (const name of [functionName, ...functions.map((fn) => fn.name)])
      await attempt("delete function", aws.functions.remove(name));
    // LocalStack community answers every ECR call with a licence error: nothing to remove there.
    if (!communityProfile)
      await attempt(
        "delete ECR repository",
        aws.registry.removeRepository(functionRepository({ tag: localTag })),
      );
    // The emulator's function containers inherit the image's label, so this sweeps them too.
    problems.push(...(await removeLabelled(new Docker(), run)));
    await aws.close();
    const ignorable = problems.filter((p) => !/not ?found|does not exist|ResourceNotFound/i.test(p));
    if (ignorable.length > 0) console.warn(`harness cleanup left problems:\n  ${ignorable.join("\n  ")}`);
  });

  it("runs the handler image as a plain container behind RIE's invoke endpoint", async () => {
    const url = await startRieContainer(engine, {
      name: `stackctl-harness-${run.id}-rie`,
      image: localTag,
      labels: run.labels,
    });
    const result = (await invokeRie(url, { httpMethod: "GET", path: "/rie", headers: {} })) as {
      statusCode: number;
      body: string;
    };
    expect(result.statusCode).toBe(200);
    expect(JSON.parse(result.body)).toMatchObject({ ok: true, path: "/rie" });
  });

  if (communityProfile)
    it("LocalStack community: ECR is absent and image functions cannot be invoked, as its profile says", async () => {
      expect(capabilities, "the product's capability detection").toMatchObject({
        ecr: false,
        imageLambdas: false,
      });
      await expect(
        aws.registry.ensureRepository(functionName, {}),
        "LocalStack community answered an ECR call",
      ).rejects.toThrow(/not included in your current license plan|not yet been emulated/);
      // CreateFunction accepts an image function; the invoke is what LocalStack refuses.
      await aws.functions.create({
        name: functionName,
        code: { packageType: "Image", imageUri: localTag },
        roleArn: "arn:aws:iam::000000000000:role/stackctl-harness",
        memoryMb: 128,
        timeoutS: 30,
        architecture: lambdaArchitecture(built.architecture),
        env: {},
        tags: {},
        description: "stackctl harness: image function on LocalStack community",
      });
      await expect(
        aws.functions.invoke(functionName, "{}"),
        "LocalStack community invoked an image function",
      ).rejects.toThrow(/Container images are a Pro feature/);
    });

  if (!communityProfile)
    it("serves the handler as an image Lambda behind a REST API stage, binary bodies intact", async (ctx) => {
      if (emulator === undefined) throw new Error("unreachable: the describe is skipped without an emulator");
      if (!capabilities.ecr || !capabilities.imageLambdas) {
        const gap = capabilities.notes.join("; ");
        // In CI this check is the harness's main proof; an emulator that cannot run it is a failure.
        if (requireE2e) throw new Error(`STACKCTL_REQUIRE_E2E=1 but ${gap}`);
        console.warn(`\n*** SKIPPING image Lambda check: ${gap} (see docs/testing.md) ***\n`);
        ctx.skip();
      }
      const { profile } = emulator;
      const stackCtx = await stackContext(stack, endpoint);
      const pushed = await pushFunctionImage(stackCtx, engine, aws.registry, profile, built);
      expect(pushed.value.change).toBe("pushed");
      const { imageUri } = pushed.value;
      // Drop the local copy of the pushed tag so the emulator has to pull it back from its registry.
      await engine.removeImage(imageUri);
      const plan = planFunction(stackCtx.config, profile, {
        code: { packageType: "Image", imageUri },
        codeId: imageUri,
        version: "harness",
        architecture: lambdaArchitecture(built.architecture),
        roleArn: "arn:aws:iam::000000000000:role/stackctl-harness",
      });
      const fn = (await ensureFunction(aws.functions, stack, plan, undefined)).value;
      expect(fn).toMatchObject({ change: "created", imageUri });
      const api = await ensureStackApi(stackCtx, aws.restApis, profile, {
        type: "AWS_PROXY",
        functionArn: fn.arn,
        region: config.region,
      });
      restApiId = api.value.id;

      const url = stageUrl(profile.endpoint, restApiId, stageName, "/items/42?probe=1");
      const answer = await poll(
        `GET ${url}`,
        async () => {
          const res = await fetch(url, { signal: AbortSignal.timeout(60_000) });
          if (res.status !== 200)
            throw new Error(`status ${res.status}: ${(await res.text()).slice(0, 300)}`);
          return (await res.json()) as HandlerAnswer;
        },
        { timeoutMs: 120_000, intervalMs: 2000 },
      );
      expect(answer).toMatchObject({ ok: true, path: "/items/42" });
      // The function container reached the emulator through the endpoint the emulator injected.
      expect(answer.awsEndpointUrl).toMatch(/^https?:\/\//);
      expect(
        answer.emulatorHealth,
        `the function container got ${answer.emulatorHealth} from ${answer.awsEndpointUrl}: is the emulator listening on the docker bridge gateway?`,
      ).toBe(200);

      // Binary bodies survive both ways (the service's file download/upload depend on it).
      const bytes = Buffer.from(Array.from({ length: 256 }, (_, i) => i));
      const bytesUrl = stageUrl(profile.endpoint, restApiId, stageName, "/bytes");
      const download = await fetch(bytesUrl);
      expect(
        Buffer.from(await download.arrayBuffer()).equals(bytes),
        "binary download came back altered",
      ).toBe(true);
      const upload = await fetch(bytesUrl, {
        method: "PUT",
        body: bytes,
        headers: { "content-type": "application/octet-stream" },
      });
      expect(await upload.json(), "binary upload reached the handler altered").toEqual({ received: true });
    });
});
