import { APIGatewayClient, DeleteRestApiCommand, GetRestApisCommand } from "@aws-sdk/client-api-gateway";
import { CreateRepositoryCommand, DeleteRepositoryCommand, ECRClient } from "@aws-sdk/client-ecr";
import {
  CreateFunctionCommand,
  DeleteFunctionCommand,
  InvokeCommand,
  LambdaClient,
  waitUntilFunctionActiveV2,
} from "@aws-sdk/client-lambda";
import Docker from "dockerode";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { awsConfig } from "../support/aws-config.ts";
import { buildImage } from "../support/docker-images.ts";
import { pushToEmulatorEcr } from "../support/ecr-push.ts";
import { describeEmulator, type EmulatorProfile, stageUrl } from "../support/emulator-profile.ts";
import { poll } from "../support/poll.ts";
import { createLambdaProxyApi } from "../support/rest-api.ts";
import { invokeRie, startRieContainer } from "../support/rie-container.ts";
import { repoRoot } from "../support/test-env.ts";
import { newTestRun, removeLabelled } from "../support/test-labels.ts";
import { detectTier, requireE2e } from "../support/tiers.ts";

// Proves the harness itself: a handler image FROM the Lambda base runs as an image Lambda behind a
// REST API on the emulator, and as a plain container behind RIE. See docs/testing.md.
const tier = await detectTier({ docker: true, emulator: true }, "test/e2e/harness.e2e.test.ts");
// LocalStack community has no image functions and no ECR (its profile says so): there the
// absence itself is what this file proves, never a skip.
const communityProfile =
  tier.skipReason === undefined ? (await describeEmulator(tier.env.endpoint)).edition === "community" : false;

interface HandlerAnswer {
  ok: boolean;
  path: string | null;
  awsEndpointUrl: string | null;
  emulatorHealth: number | string;
}

describe.skipIf(tier.skipReason !== undefined)("test harness (docker engine + emulator)", () => {
  const { endpoint, lambdaBaseImage } = tier.env;
  const docker = new Docker();
  const run = newTestRun("harness");
  const config = awsConfig(endpoint);
  const ecr = new ECRClient(config);
  const lambda = new LambdaClient(config);
  const apigw = new APIGatewayClient(config);
  const localTag = `stackctl-harness-${run.id}:v1`;
  const functionName = `stackctl-harness-${run.id}`;
  let emulator: EmulatorProfile;
  let restApiId: string | undefined;

  beforeAll(async () => {
    emulator = await describeEmulator(endpoint);
    await buildImage(docker, {
      context: `${repoRoot}test/fixtures/harness-handler`,
      tag: localTag,
      labels: run.labels,
      buildArgs: { LAMBDA_BASE_IMAGE: lambdaBaseImage },
    });
  });

  afterAll(async () => {
    // Everything is removed even when a step failed; problems are reported, not thrown over the test's own error.
    const problems: string[] = [];
    const attempt = (what: string, step: Promise<unknown>) =>
      step.catch((error: Error) => problems.push(`${what}: ${error.message}`));
    // Found by name too: a failure between CreateRestApi and the end of its setup leaves no id here.
    const apis = await apigw.send(new GetRestApisCommand({ limit: 500 })).catch(() => undefined);
    const ids = new Set([
      restApiId,
      ...(apis?.items ?? []).filter((a) => a.name === functionName).map((a) => a.id),
    ]);
    for (const id of ids) {
      if (id) await attempt("delete REST API", apigw.send(new DeleteRestApiCommand({ restApiId: id })));
    }
    await attempt("delete function", lambda.send(new DeleteFunctionCommand({ FunctionName: functionName })));
    await attempt(
      "delete ECR repository",
      ecr.send(new DeleteRepositoryCommand({ repositoryName: functionName, force: true })),
    );
    // The emulator's function containers inherit the image's label, so this sweeps them too.
    problems.push(...(await removeLabelled(docker, run)));
    const ignorable = problems.filter((p) => !/not ?found|does not exist|ResourceNotFound/i.test(p));
    if (ignorable.length > 0) console.warn(`harness cleanup left problems:\n  ${ignorable.join("\n  ")}`);
  });

  it("runs the handler image as a plain container behind RIE's invoke endpoint", async () => {
    const url = await startRieContainer(docker, localTag, run.labels);
    const result = (await invokeRie(url, { httpMethod: "GET", path: "/rie", headers: {} })) as {
      statusCode: number;
      body: string;
    };
    expect(result.statusCode).toBe(200);
    expect(JSON.parse(result.body)).toMatchObject({ ok: true, path: "/rie" });
  });

  if (communityProfile)
    it("LocalStack community: ECR is absent and image functions cannot be invoked, as its profile says", async () => {
      await expect(
        ecr.send(new CreateRepositoryCommand({ repositoryName: functionName })),
        "LocalStack community answered an ECR call",
      ).rejects.toThrow(/not included in your current license plan|not yet been emulated/);
      // CreateFunction accepts an image function; the invoke is what LocalStack refuses.
      await lambda.send(
        new CreateFunctionCommand({
          FunctionName: functionName,
          PackageType: "Image",
          Code: { ImageUri: localTag },
          Role: "arn:aws:iam::000000000000:role/stackctl-harness",
        }),
      );
      await expect(
        lambda.send(new InvokeCommand({ FunctionName: functionName, Payload: "{}" })),
        "LocalStack community invoked an image function",
      ).rejects.toThrow(/Container images are a Pro feature/);
    });

  if (!communityProfile)
    it("serves the handler as an image Lambda behind a REST API stage, binary bodies intact", async (ctx) => {
      if (emulator.imageLambdaGap !== undefined) {
        // In CI this check is the harness's main proof; an emulator that cannot run it is a failure.
        if (requireE2e) throw new Error(`STACKCTL_REQUIRE_E2E=1 but ${emulator.imageLambdaGap}`);
        console.warn(
          `\n*** SKIPPING image Lambda check: ${emulator.imageLambdaGap} (see docs/testing.md) ***\n`,
        );
        ctx.skip();
      }
      const imageUri = await pushToEmulatorEcr(docker, ecr, {
        source: localTag,
        repositoryName: functionName,
        tag: "v1",
        endpoint,
      });
      // Drop the local copy of the pushed tag so the emulator has to pull it back from its registry.
      await docker.getImage(imageUri).remove({ noprune: true });
      const created = await lambda.send(
        new CreateFunctionCommand({
          FunctionName: functionName,
          PackageType: "Image",
          Code: { ImageUri: imageUri },
          Role: "arn:aws:iam::000000000000:role/stackctl-harness",
          Timeout: 30,
        }),
      );
      await waitUntilFunctionActiveV2({ client: lambda, maxWaitTime: 120 }, { FunctionName: functionName });
      if (!created.FunctionArn) throw new Error("CreateFunction returned no FunctionArn");
      restApiId = await createLambdaProxyApi(apigw, {
        name: functionName,
        functionArn: created.FunctionArn,
        region: config.region,
        stage: "dev",
        binaryMediaTypes: ["*/*"],
      });

      const url = stageUrl(endpoint, restApiId, "dev", "/items/42?probe=1");
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
      const download = await fetch(stageUrl(endpoint, restApiId, "dev", "/bytes"));
      expect(
        Buffer.from(await download.arrayBuffer()).equals(bytes),
        "binary download came back altered",
      ).toBe(true);
      const upload = await fetch(stageUrl(endpoint, restApiId, "dev", "/bytes"), {
        method: "PUT",
        body: bytes,
        headers: { "content-type": "application/octet-stream" },
      });
      expect(await upload.json(), "binary upload reached the handler altered").toEqual({ received: true });
    });
});
