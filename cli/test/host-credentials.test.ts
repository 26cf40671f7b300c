import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadConfig } from "../src/config/load.ts";
import {
  serviceTaskDefinition,
  specHash,
  toContainerRun,
} from "../src/engine/modes/container/task-definition.ts";
import { planFunction } from "../src/engine/modes/lambda/function-spec.ts";
import { profileFor } from "../src/engine/profile/emulator-profile.ts";
import { specInputs } from "./support/container-spec.ts";

// issue 18 item 6: the host's AWS credentials reach neither a container, nor a function, nor a hash.
const hostCredentials = {
  AWS_ACCESS_KEY_ID: "AKIAHOSTLEAK7EXAMPLE",
  AWS_SECRET_ACCESS_KEY: "host/secret+LEAK/wJalrXUtnFEMIK7MDENGbPxRfiCY",
  AWS_SESSION_TOKEN: "FwoGZXIvYXdzEHOSTSESSIONLEAKtoken",
};
const leaks = Object.values(hostCredentials);

const { image, placement } = specInputs("creds");

async function configs() {
  const cwd = await mkdtemp(path.join(tmpdir(), "stackctl-creds-"));
  const base = { STACKCTL_STACK: "creds" };
  return {
    clean: await loadConfig({ flags: {}, env: base, cwd }),
    exported: await loadConfig({ flags: {}, env: { ...base, ...hostCredentials }, cwd }),
  };
}

describe("host AWS credentials stay on the host", () => {
  it("the config signs with the emulator's dummy credentials, whatever the host exports", async () => {
    const { exported } = await configs();
    expect(exported.credentials).toEqual({ accessKeyId: "test", secretAccessKey: "test" });
    for (const leak of leaks) expect(JSON.stringify(exported)).not.toContain(leak);
  });

  it("the service container's env, labels, spec hash and name are the same as without them", async () => {
    const { clean, exported } = await configs();
    const definition = serviceTaskDefinition(exported, image, placement);
    expect(definition.environment).toMatchObject({
      AWS_ACCESS_KEY_ID: "test",
      AWS_SECRET_ACCESS_KEY: "test",
    });
    expect(definition.environment).not.toHaveProperty("AWS_SESSION_TOKEN");
    const hash = specHash(definition, placement);
    expect(hash).toBe(specHash(serviceTaskDefinition(clean, image, placement), placement));
    const run = toContainerRun(definition, {
      name: `stackctl-creds-service-${hash}`,
      hash,
      hostPort: 8080,
      placement,
    });
    for (const leak of leaks) expect(JSON.stringify(run)).not.toContain(leak);
  });

  it("a function's spec (env, name, tags) is the same as without them", async () => {
    const { clean, exported } = await configs();
    const profile = profileFor({
      kind: "ministack",
      version: "1",
      edition: "community",
      endpoint: "http://x:4566",
    });
    const input = {
      code: { packageType: "Zip" as const, zip: new Uint8Array() },
      codeId: "zip-1",
      version: "v1",
      architecture: "x86_64" as const,
      roleArn: "arn:aws:iam::000000000000:role/r",
    };
    const plan = planFunction(exported, profile, input);
    expect(plan.specHash).toBe(planFunction(clean, profile, input).specHash);
    for (const leak of leaks) expect(JSON.stringify(plan.spec)).not.toContain(leak);
  });
});
