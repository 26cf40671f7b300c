import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { readConfig } from "../../service/src/entry/config.ts";
import { serviceTaskDefinition } from "../src/engine/modes/container/task-definition.ts";
import { planFunction } from "../src/engine/modes/lambda/function-spec.ts";
import { profileFor } from "../src/engine/profile/emulator-profile.ts";
import { specInputs } from "./support/container-spec.ts";
import { engineContext } from "./support/fakes.ts";

const { image, placement } = specInputs("env");

async function config() {
  const cwd = await mkdtemp(path.join(tmpdir(), "stackctl-env-"));
  return (await engineContext(cwd, { stack: "env", env: { STACKCTL_MAX_UPLOAD_BYTES: "2048" } })).config;
}

describe("the environment contract between stackctl and the service", () => {
  it("a container's environment is one the service starts with, naming the stack's table and bucket", async () => {
    const stack = await config();
    const environment = serviceTaskDefinition(stack, image, placement).environment;
    expect(readConfig(environment)).toMatchObject({
      tableName: stack.tableName,
      bucket: stack.bucketName,
      region: stack.region,
      dynamoEndpoint: placement.emulatorUrl,
      s3Endpoint: placement.emulatorUrl,
      port: 8080,
      version: image.contentHash,
      maxUploadBytes: 2048,
    });
  });

  it("a function's environment, with the region and endpoint the emulator injects, is one the service starts with", async () => {
    const stack = await config();
    const profile = profileFor({
      kind: "ministack",
      version: "1",
      edition: "community",
      endpoint: "http://x:4566",
    });
    const { spec } = planFunction(stack, profile, {
      code: { packageType: "Zip", zip: new Uint8Array() },
      codeId: "zip-1",
      version: "v1",
      architecture: "x86_64",
      roleArn: "arn:aws:iam::000000000000:role/r",
    });
    const injected = { AWS_REGION: stack.region, AWS_ENDPOINT_URL: "http://172.17.0.1:4566" };
    expect(readConfig({ ...injected, ...spec.env })).toMatchObject({
      tableName: stack.tableName,
      bucket: stack.bucketName,
      version: "v1",
      logLevel: "info",
      maxUploadBytes: 2048,
    });
  });
});
