import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { DeleteTableCommand, DynamoDBClient } from "@aws-sdk/client-dynamodb";
import {
  CreateBucketCommand,
  DeleteBucketCommand,
  DeleteObjectsCommand,
  ListObjectsCommand,
  S3Client,
} from "@aws-sdk/client-s3";
import Docker from "dockerode";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDockerEngine } from "../../cli/src/adapters/docker-engine.ts";
import { tarContext } from "../../cli/src/engine/image/tar-context.ts";
import { awsConfig } from "../../test/support/aws-config.ts";
import { poll } from "../../test/support/poll.ts";
import { invokeRie, startPublishedContainer, startRieContainer } from "../../test/support/rie-container.ts";
import { newTestRun, removeLabelled } from "../../test/support/test-labels.ts";
import { detectTier } from "../../test/support/tiers.ts";
import type { Driver } from "./behaviour/driver.ts";
import { httpDriver } from "./behaviour/http-driver.ts";
import { fromProxyResult, toProxyEvent } from "./behaviour/lambda-driver.ts";
import { describeBehaviour } from "./behaviour/suite.ts";
import { createInventoryTable } from "./support/inventory-table.ts";

// The service's two real images (service/Dockerfile, service/Dockerfile.lambda), built on the
// harness's base images, run against the emulator and put through the same behaviour suite.
const tier = await detectTier({ docker: true, emulator: true }, "service/test/images.e2e.test.ts");
const serviceRoot = fileURLToPath(new URL("../", import.meta.url));
const run = newTestRun("service-images");
const engine = createDockerEngine(undefined);
const table = `images-${run.id}-inventory`;
const bucket = `images-${run.id}-files`;

let container: Driver;
let lambda: Driver;

function serviceEnv(): Record<string, string> {
  const endpoint = tier.env.containerEndpoint;
  return {
    TABLE_NAME: table,
    S3_BUCKET: bucket,
    AWS_REGION: awsConfig(endpoint).region,
    AWS_ENDPOINT_URL: endpoint,
    AWS_ACCESS_KEY_ID: "test",
    AWS_SECRET_ACCESS_KEY: "test",
    MAX_UPLOAD_BYTES: "65536",
    SERVICE_VERSION: "images-test",
  };
}

const containerTag = `stackctl-test/inventory:${run.id}`;
const lambdaTag = `stackctl-test/inventory-fn:${run.id}`;

beforeAll(async () => {
  if (tier.skipReason !== undefined) return;
  const config = awsConfig(tier.env.endpoint);
  await createInventoryTable(new DynamoDBClient(config), table);
  await new S3Client({ ...config, forcePathStyle: true }).send(new CreateBucketCommand({ Bucket: bucket }));

  execFileSync(process.execPath, ["scripts/build.mjs"], { cwd: serviceRoot, stdio: "pipe" });
  const images: [string, string, Record<string, string>][] = [
    [containerTag, "Dockerfile", { BASE_IMAGE: tier.env.baseImage }],
    [lambdaTag, "Dockerfile.lambda", { LAMBDA_BASE_IMAGE: tier.env.lambdaBaseImage }],
  ];
  for (const [tag, dockerfile, buildArgs] of images) {
    await engine.buildImage(
      {
        context: await tarContext(serviceRoot, [dockerfile, "dist"]),
        dockerfile,
        tag,
        labels: run.labels,
        buildArgs,
      },
      () => {},
    );
  }
  const containerUrl = await startPublishedContainer(engine, {
    name: `stackctl-test-images-${run.id}-container`,
    image: containerTag,
    labels: run.labels,
    env: serviceEnv(),
  });
  await poll(
    "service container health",
    async () => ((await fetch(`${containerUrl}/`)).ok ? true : undefined),
    {
      timeoutMs: 30_000,
    },
  );
  container = httpDriver("container image", containerUrl, "container");
  const invokeUrl = await startRieContainer(engine, {
    name: `stackctl-test-images-${run.id}-lambda`,
    image: lambdaTag,
    labels: run.labels,
    env: serviceEnv(),
  });
  // One execution environment takes one invocation at a time (RIE fails concurrent ones), so queue them.
  let queue: Promise<unknown> = Promise.resolve();
  lambda = {
    name: "Lambda image through RIE",
    mode: "lambda",
    send: (request) => {
      const result = queue.then(async () =>
        fromProxyResult(await invokeRie(invokeUrl, toProxyEvent(request))),
      );
      queue = result.catch(() => undefined);
      return result;
    },
  };
}, 300_000);

afterAll(async () => {
  if (tier.skipReason !== undefined) return;
  const problems = await removeLabelled(new Docker(), run);
  const config = awsConfig(tier.env.endpoint);
  const s3 = new S3Client({ ...config, forcePathStyle: true });
  const objects = await s3.send(new ListObjectsCommand({ Bucket: bucket })).catch(() => undefined);
  const keys = (objects?.Contents ?? []).flatMap((o) => (o.Key === undefined ? [] : [{ Key: o.Key }]));
  if (keys.length > 0) await s3.send(new DeleteObjectsCommand({ Bucket: bucket, Delete: { Objects: keys } }));
  await s3.send(new DeleteBucketCommand({ Bucket: bucket })).catch(() => undefined);
  await new DynamoDBClient(config).send(new DeleteTableCommand({ TableName: table })).catch(() => undefined);
  if (problems.length > 0) console.warn(`cleanup left: ${problems.join("; ")}`);
});

describe.skipIf(tier.skipReason !== undefined)("service images on the emulator", () => {
  describe("container image (service/Dockerfile)", () => describeBehaviour(() => container));
  describe("Lambda image (service/Dockerfile.lambda) invoked through RIE", () =>
    describeBehaviour(() => lambda));
  // Issue 18 item 8: neither image runs as root; the behaviour suites above ran under that user.
  it("both images run as uid 1000, not root", async () => {
    for (const tag of [containerTag, lambdaTag])
      expect((await new Docker().getImage(tag).inspect()).Config.User, tag).toBe("1000:1000");
  });
});
