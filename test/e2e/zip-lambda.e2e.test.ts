import { readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import {
  APIGatewayClient,
  CreateDeploymentCommand,
  CreateResourceCommand,
  CreateRestApiCommand,
  DeleteRestApiCommand,
  GetResourcesCommand,
  PutIntegrationCommand,
  PutMethodCommand,
} from "@aws-sdk/client-api-gateway";
import {
  CreateFunctionCommand,
  DeleteFunctionCommand,
  LambdaClient,
  waitUntilFunctionActiveV2,
} from "@aws-sdk/client-lambda";
import { afterAll, describe, expect, it } from "vitest";
import { awsConfig } from "../support/aws-config.ts";
import { factsFor } from "../support/emulator-facts.ts";
import { stageUrl } from "../support/emulator-profile.ts";
import { poll } from "../support/poll.ts";
import { createLambdaProxyApi } from "../support/rest-api.ts";
import { repoRoot } from "../support/test-env.ts";
import { newTestRun } from "../support/test-labels.ts";
import { detectTier } from "../support/tiers.ts";
import { zipFiles } from "../support/zip-file.ts";

// What lambda mode's zip packaging and the service's API rest on, under every emulator profile:
// a nodejs22.x zip function behind a REST API (AWS_PROXY), and an HTTP_PROXY stage in front of
// a server on the host. The differences between the emulators are asserted, per profile, as
// docs/emulators.md records them.
const tier = await detectTier({ docker: true, emulator: true }, "test/e2e/zip-lambda.e2e.test.ts");

interface HandlerAnswer {
  ok: boolean;
  path: string | null;
  awsEndpointUrl: string | null;
  localstackHostname: string | null;
  taskRoot: string | null;
  emulatorHealth: number | string;
}

describe.skipIf(tier.skipReason !== undefined)(`zip Lambda and REST API [${tier.profile}]`, () => {
  const { endpoint } = tier.env;
  const run = newTestRun("ziplambda");
  const config = awsConfig(endpoint);
  const lambda = new LambdaClient(config);
  const apigw = new APIGatewayClient(config);
  const functionName = `stackctl-zip-${run.id}`;
  const apiIds: string[] = [];
  let backend: Server | undefined;

  afterAll(async () => {
    for (const restApiId of apiIds) await apigw.send(new DeleteRestApiCommand({ restApiId })).catch(() => {});
    // Deleting the function also removes the containers the emulator ran it in.
    await lambda.send(new DeleteFunctionCommand({ FunctionName: functionName })).catch(() => {});
    backend?.close();
  });

  it("serves a nodejs22.x zip function behind a REST API stage, binary bodies intact", async () => {
    const code = zipFiles({
      "index.mjs": readFileSync(`${repoRoot}test/fixtures/harness-handler/index.mjs`),
    });
    const created = await lambda.send(
      new CreateFunctionCommand({
        FunctionName: functionName,
        Runtime: "nodejs22.x",
        Handler: "index.handler",
        Code: { ZipFile: code },
        Role: "arn:aws:iam::000000000000:role/stackctl-zip",
        Timeout: 30,
        Tags: { "stackctl.test": run.value },
      }),
    );
    await waitUntilFunctionActiveV2({ client: lambda, maxWaitTime: 120 }, { FunctionName: functionName });
    if (!created.FunctionArn) throw new Error("CreateFunction returned no FunctionArn");
    const restApiId = await createLambdaProxyApi(apigw, {
      name: functionName,
      functionArn: created.FunctionArn,
      region: config.region,
      stage: "dev",
      // `*/*` is what ministack (and AWS) need for any Accept; LocalStack 4.14 ignores entries
      // whose type is `*`, so the concrete type is listed too (docs/emulators.md).
      binaryMediaTypes: ["*/*", "application/octet-stream"],
    });
    apiIds.push(restApiId);

    const url = stageUrl(endpoint, restApiId, "dev", "/items/42?probe=1");
    const { answer, headers } = await poll(
      `GET ${url}`,
      async () => {
        const res = await fetch(url, { signal: AbortSignal.timeout(60_000) });
        if (res.status !== 200) throw new Error(`status ${res.status}: ${(await res.text()).slice(0, 300)}`);
        return { answer: (await res.json()) as HandlerAnswer, headers: res.headers };
      },
      { timeoutMs: 120_000, intervalMs: 2000 },
    );
    expect(answer).toMatchObject({ ok: true, path: "/items/42" });
    expect(headers.get("x-harness"), "AWS_PROXY passes the handler's own headers back").toBe("1");
    expect(
      answer.emulatorHealth,
      `the function got ${answer.emulatorHealth} from ${answer.awsEndpointUrl}: can it reach the emulator?`,
    ).toBe(200);
    const facts = factsFor(tier.profile);
    if (facts.zipFunctionsInContainers) {
      // LocalStack runs zip functions in a container of the runtime image and points them at the
      // emulator through the docker bridge gateway (docs/emulators.md).
      expect(answer.awsEndpointUrl).toBe(tier.env.containerEndpoint);
      expect(answer.taskRoot).toBe("/var/task");
    } else {
      // ministack runs zip functions in a worker on the host's node, so loopback is right there.
      expect(answer.awsEndpointUrl).toBe(endpoint);
    }
    expect(answer.localstackHostname).toBe(
      facts.injectsLocalstackHostname ? new URL(tier.env.containerEndpoint).hostname : null,
    );

    const bytes = Buffer.from(Array.from({ length: 256 }, (_, i) => i));
    const download = await fetch(stageUrl(endpoint, restApiId, "dev", "/bytes"), {
      headers: { accept: "application/octet-stream" },
    });
    expect(Buffer.from(await download.arrayBuffer()).equals(bytes), "binary download came back altered").toBe(
      true,
    );
    // With fetch's default `Accept: */*` the emulators differ: ministack decodes (as AWS does for a
    // `*/*` binary media type), LocalStack 4.14 hands back the handler's base64 text.
    const anyAccept = Buffer.from(
      await (await fetch(stageUrl(endpoint, restApiId, "dev", "/bytes"))).arrayBuffer(),
    );
    if (facts.binaryWildcardDecodes) expect(anyAccept.equals(bytes), "*/* decodes for any Accept").toBe(true);
    else expect(anyAccept.toString(), "*/* is ignored, the body stays base64").toBe(bytes.toString("base64"));
    const upload = await fetch(stageUrl(endpoint, restApiId, "dev", "/bytes"), {
      method: "PUT",
      body: bytes,
      headers: { "content-type": "application/octet-stream" },
    });
    expect(await upload.json(), "binary upload reached the handler altered").toEqual({ received: true });
  });

  it("forwards an HTTP_PROXY stage to a server on the host, with the headers the profile passes back", async () => {
    backend = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (chunk: Buffer) => chunks.push(chunk));
      req.on("end", () => {
        res.setHeader("content-type", "application/json");
        res.setHeader("x-backend", "1");
        res.setHeader("set-cookie", "session=abc");
        res.writeHead(req.url?.startsWith("/missing") ? 404 : 201);
        res.end(JSON.stringify({ method: req.method, url: req.url, body: Buffer.concat(chunks).toString() }));
      });
    });
    await new Promise<void>((resolve) => backend?.listen(0, "127.0.0.1", resolve));
    const port = (backend.address() as AddressInfo).port;
    const restApiId = await createHttpProxyApi(
      apigw,
      `stackctl-httpproxy-${run.id}`,
      `http://127.0.0.1:${port}`,
    );
    apiIds.push(restApiId);

    const res = await fetch(stageUrl(endpoint, restApiId, "dev", "/inventory/SKU-1?x=1"), {
      method: "POST",
      body: "hello",
      headers: { "content-type": "text/plain" },
    });
    expect(res.status).toBe(201);
    expect(await res.json()).toEqual({ method: "POST", url: "/inventory/SKU-1?x=1", body: "hello" });
    expect(res.headers.get("content-type")).toContain("application/json");
    const passed = { "x-backend": res.headers.get("x-backend"), "set-cookie": res.headers.get("set-cookie") };
    expect(passed, "the backend's own headers through HTTP_PROXY").toEqual(
      factsFor(tier.profile).httpProxyPassesHeaders
        ? { "x-backend": "1", "set-cookie": "session=abc" }
        : { "x-backend": null, "set-cookie": null },
    );
    const missing = await fetch(stageUrl(endpoint, restApiId, "dev", "/missing"));
    expect(missing.status).toBe(404);
  });
});

describe.skipIf(tier.skipReason !== undefined)(`REST API id tag [${tier.profile}]`, () => {
  it("the profile's tag on CreateRestApi fixes the API id", async () => {
    const apigw = new APIGatewayClient(awsConfig(tier.env.endpoint));
    const wanted = `stk${newTestRun("apiid").id}`;
    const api = await apigw.send(
      new CreateRestApiCommand({ name: wanted, tags: { [factsFor(tier.profile).apiIdTag]: wanted } }),
    );
    try {
      expect(api.id).toBe(wanted);
    } finally {
      if (api.id) await apigw.send(new DeleteRestApiCommand({ restApiId: api.id }));
    }
  });
});

/** `ANY /{proxy+}` as HTTP_PROXY to `<base>/{proxy}`, deployed to stage `dev`. */
async function createHttpProxyApi(apigw: APIGatewayClient, name: string, base: string): Promise<string> {
  const api = await apigw.send(new CreateRestApiCommand({ name }));
  const restApiId = api.id;
  if (!restApiId) throw new Error("CreateRestApi returned no id");
  const resources = await apigw.send(new GetResourcesCommand({ restApiId }));
  const rootId = resources.items?.find((resource) => resource.path === "/")?.id;
  if (!rootId) throw new Error(`REST API ${restApiId} has no root resource`);
  const proxy = await apigw.send(
    new CreateResourceCommand({ restApiId, parentId: rootId, pathPart: "{proxy+}" }),
  );
  if (!proxy.id) throw new Error("CreateResource {proxy+} returned no id");
  await apigw.send(
    new PutMethodCommand({
      restApiId,
      resourceId: proxy.id,
      httpMethod: "ANY",
      authorizationType: "NONE",
      requestParameters: { "method.request.path.proxy": true },
    }),
  );
  await apigw.send(
    new PutIntegrationCommand({
      restApiId,
      resourceId: proxy.id,
      httpMethod: "ANY",
      type: "HTTP_PROXY",
      integrationHttpMethod: "ANY",
      uri: `${base}/{proxy}`,
      requestParameters: { "integration.request.path.proxy": "method.request.path.proxy" },
    }),
  );
  await apigw.send(new CreateDeploymentCommand({ restApiId, stageName: "dev" }));
  return restApiId;
}
