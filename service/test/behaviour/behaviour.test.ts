import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readConfig } from "../../src/entry/config.ts";
import { createLogger, wireApp } from "../../src/entry/wire.ts";
import { type EmbeddedAws, startEmbeddedAws } from "../support/embedded-aws.ts";
import { badInputCases } from "./bad-input-cases.ts";
import type { Driver } from "./driver.ts";
import { httpDriver } from "./http-driver.ts";
import { fromProxyResult, lambdaDriver, type ProxyHandler, toProxyEvent } from "./lambda-driver.ts";
import { comparable, describeBehaviour } from "./suite.ts";

let aws: EmbeddedAws;
let server: Server;
let socket: Driver;
let lambda: Driver;
let handler: ProxyHandler;

beforeAll(async () => {
  aws = await startEmbeddedAws();
  const env = {
    ...aws.serviceEnv,
    AWS_ENDPOINT_URL_DYNAMODB: aws.dynamoEndpoint,
    AWS_ENDPOINT_URL_S3: aws.s3Endpoint,
    MAX_UPLOAD_BYTES: "65536",
    LOG_LEVEL: "silent",
    SERVICE_VERSION: "test",
  };
  // The Lambda entry reads its environment once, at import, as it does in a real function.
  Object.assign(process.env, env);
  ({ handler } = (await import("../../src/entry/lambda.ts")) as { handler: ProxyHandler });
  lambda = lambdaDriver("Lambda handler with API Gateway events", handler);

  const config = readConfig(env);
  server = wireApp(config, "container", createLogger(config, "container")).listen(0, "127.0.0.1");
  await new Promise((resolve) => server.once("listening", resolve));
  socket = httpDriver(
    "Express over a socket",
    `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    "container",
  );
});

afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
  await aws?.stop();
});

describe("through Express over a socket", () => describeBehaviour(() => socket));
describe("through the Lambda handler", () => describeBehaviour(() => lambda));

describe("both drivers give the same answer", () => {
  for (const c of badInputCases) {
    it(c.name, async () => {
      const [viaSocket, viaLambda] = await Promise.all([socket.send(c.request), lambda.send(c.request)]);
      expect(comparable(viaLambda)).toEqual(comparable(viaSocket));
    });
  }
});

describe("request ids in Lambda mode", () => {
  it.each([
    ["none", {}],
    ["an unsafe one", { "x-request-id": "has spaces; and more" }],
  ])("use API Gateway's requestContext.requestId when the caller sends %s", async (_what, headers) => {
    const event = toProxyEvent({ method: "GET", path: "/inventory/NO-SUCH-SKU-4", headers });
    event.requestContext.requestId = "gw-4f1c";
    const res = fromProxyResult(await handler(event, {} as never));
    expect(res.headers["x-request-id"]).toBe("gw-4f1c");
    expect(JSON.parse(res.body.toString())).toMatchObject({
      error: { code: "item_not_found", requestId: "gw-4f1c" },
    });
  });
});

describe("the Lambda handler's answer encoding", () => {
  const raw = async (method: string, path: string, headers: Record<string, string> = {}, body?: Buffer) =>
    (await handler(toProxyEvent({ method, path, headers, ...(body === undefined ? {} : { body }) }), {
      awsRequestId: "encoding-test",
    } as never)) as { body: string; isBase64Encoded: boolean };
  const upload = (name: string, type: string, bytes: Buffer) =>
    raw("PUT", `/file/upload/${name}`, { "content-type": type }, bytes);

  it("sends JSON and UTF-8 text as text (the exact bytes), anything else base64", async () => {
    const utf8 = Buffer.from("\ufeffGrüße 東京 🍣\r\n", "utf8");
    const latin1 = Buffer.from([0x47, 0x72, 0xfc, 0xdf, 0x65]);
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    const notUtf8 = Buffer.from([0x61, 0xff, 0x62]);
    const uploaded = await upload("enc-utf8.txt", "text/plain; charset=utf-8", utf8);
    expect(uploaded.isBase64Encoded).toBe(false);
    expect(JSON.parse(uploaded.body)).toMatchObject({ filename: "enc-utf8.txt" });
    await upload("enc-latin1.txt", "text/plain; charset=iso-8859-1", latin1);
    await upload("enc.png", "image/png", png);
    await upload("enc-bad.txt", "text/plain; charset=utf-8", notUtf8);

    const text = await raw("GET", "/file/download/enc-utf8.txt");
    expect(text.isBase64Encoded).toBe(false);
    expect(Buffer.from(text.body, "utf8").equals(utf8)).toBe(true);
    for (const [name, bytes] of [
      ["enc-latin1.txt", latin1],
      ["enc.png", png],
      ["enc-bad.txt", notUtf8],
    ] as const) {
      const answer = await raw("GET", `/file/download/${name}`);
      expect(answer.isBase64Encoded, name).toBe(true);
      expect(Buffer.from(answer.body, "base64").equals(bytes), name).toBe(true);
    }
    expect((await raw("GET", "/file/download/missing.txt")).isBase64Encoded).toBe(false);
  });
});
