import { readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, describe, expect, it } from "vitest";
import { createAwsPorts } from "../../cli/src/adapters/aws-ports.ts";
import { type Backend, ensureStackApi, stageName } from "../../cli/src/engine/api/rest-api.ts";
import { lambdaArchitecture } from "../../cli/src/engine/modes/lambda/function-spec.ts";
import { stageUrl } from "../../cli/src/engine/profile/emulator-profile.ts";
import { awsConfig } from "../support/aws-config.ts";
import { factsFor } from "../support/emulator-facts.ts";
import { poll } from "../support/poll.ts";
import { productEmulator, stackContext } from "../support/product-emulator.ts";
import { repoRoot } from "../support/test-env.ts";
import { newTestRun } from "../support/test-labels.ts";
import { detectTier } from "../support/tiers.ts";
import { zipFiles } from "../support/zip-file.ts";

// What lambda mode's zip packaging and the service's API rest on, under every emulator profile:
// a nodejs22.x zip function behind a REST API (AWS_PROXY), and an HTTP_PROXY stage in front of
// a server on the host, both made by the product's REST API step. The differences between the
// emulators are asserted, per profile, as docs/emulators.md records them.
const tier = await detectTier({ docker: true, emulator: true }, "test/e2e/zip-lambda.e2e.test.ts");
const emulator = tier.skipReason === undefined ? await productEmulator(tier.env.endpoint) : undefined;

interface HandlerAnswer {
  ok: boolean;
  path: string | null;
  awsEndpointUrl: string | null;
  localstackHostname: string | null;
  taskRoot: string | null;
  emulatorHealth: number | string;
}

describe.skipIf(emulator === undefined)(`zip Lambda and REST API [${tier.profile}]`, () => {
  const { endpoint } = tier.env;
  const run = newTestRun("ziplambda");
  const config = awsConfig(endpoint);
  const aws = createAwsPorts(config);
  const functionName = `stackctl-zip-${run.id}`;
  const apiIds: string[] = [];
  let backend: Server | undefined;

  afterAll(async () => {
    for (const restApiId of apiIds) await aws.restApis.remove(restApiId).catch(() => {});
    // Deleting the function also removes the containers the emulator ran it in.
    await aws.functions.remove(functionName).catch(() => {});
    await aws.close();
    backend?.close();
  });

  /** The product's API step for a stack of this run (`ANY /`, `ANY /{proxy+}`, stage dev); its stage URLs. */
  async function stackApi(stack: string, to: Backend): Promise<(path: string) => string> {
    if (emulator === undefined) throw new Error("unreachable: the describe is skipped without an emulator");
    const { profile } = emulator;
    const api = await ensureStackApi(await stackContext(stack, endpoint), aws.restApis, profile, to);
    apiIds.push(api.value.id);
    return (path) => stageUrl(profile.endpoint, api.value.id, stageName, path);
  }

  it("serves a nodejs22.x zip function behind a REST API stage, binary bodies intact", async () => {
    const code = zipFiles({
      "index.mjs": readFileSync(`${repoRoot}test/fixtures/harness-handler/index.mjs`),
    });
    await aws.functions.create({
      name: functionName,
      code: { packageType: "Zip", zip: code },
      runtime: "nodejs22.x",
      handler: "index.handler",
      roleArn: "arn:aws:iam::000000000000:role/stackctl-zip",
      memoryMb: 128,
      timeoutS: 30,
      architecture: lambdaArchitecture(process.arch),
      env: {},
      tags: { "stackctl.test": run.value },
      description: "stackctl zip-lambda e2e",
    });
    const created = await aws.functions.waitActive(functionName, 120);
    // The product's API lists `*/*` (what ministack and AWS need for any Accept) and the concrete
    // type too: LocalStack 4.14 ignores entries whose type is `*` (docs/emulators.md).
    const at = await stackApi(`zip-${run.id}`, {
      type: "AWS_PROXY",
      functionArn: created.arn,
      region: config.region,
    });

    const url = at("/items/42?probe=1");
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
    const download = await fetch(at("/bytes"), {
      headers: { accept: "application/octet-stream" },
    });
    expect(Buffer.from(await download.arrayBuffer()).equals(bytes), "binary download came back altered").toBe(
      true,
    );
    // With fetch's default `Accept: */*` the emulators differ: ministack decodes (as AWS does for a
    // `*/*` binary media type), LocalStack 4.14 hands back the handler's base64 text.
    const anyAccept = Buffer.from(await (await fetch(at("/bytes"))).arrayBuffer());
    if (facts.binaryWildcardDecodes) expect(anyAccept.equals(bytes), "*/* decodes for any Accept").toBe(true);
    else expect(anyAccept.toString(), "*/* is ignored, the body stays base64").toBe(bytes.toString("base64"));
    const upload = await fetch(at("/bytes"), {
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
    const at = await stackApi(`httpproxy-${run.id}`, {
      type: "HTTP_PROXY",
      baseUrl: `http://127.0.0.1:${port}`,
    });

    const res = await fetch(at("/inventory/SKU-1?x=1"), {
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
    const missing = await fetch(at("/missing"));
    expect(missing.status).toBe(404);
  });
});

describe.skipIf(emulator === undefined)(`REST API id tag [${tier.profile}]`, () => {
  it("the profile's tag on CreateRestApi fixes the API id", async () => {
    const tag = emulator?.profile.restApiIdTag;
    expect(tag, "the product's emulator profile names the tag docs/emulators.md records").toBe(
      factsFor(tier.profile).apiIdTag,
    );
    if (tag === undefined) throw new Error("the product's emulator profile names no REST API id tag");
    const aws = createAwsPorts(awsConfig(tier.env.endpoint));
    const wanted = `stk${newTestRun("apiid").id}`;
    const api = await aws.restApis.create({ name: wanted, tags: { [tag]: wanted }, binaryMediaTypes: [] });
    try {
      expect(api.id).toBe(wanted);
    } finally {
      await aws.restApis.remove(api.id);
      await aws.close();
    }
  });
});
