import { afterEach, describe, expect, it, vi } from "vitest";
import { describeEmulator, registryFor, stageUrl } from "../support/emulator-profile.ts";

describe("registryFor", () => {
  afterEach(() => vi.unstubAllEnvs());

  it("pushes to ministack's own port when its repository URI names amazonaws.com", () => {
    vi.stubEnv("STACKCTL_REGISTRY", "");
    const uri = "000000000000.dkr.ecr.us-east-1.amazonaws.com/app";
    expect(registryFor(uri, "http://127.0.0.1:4566")).toBe("127.0.0.1:4566");
  });

  it("pushes to LocalStack's repository host as it is", () => {
    vi.stubEnv("STACKCTL_REGISTRY", "");
    const uri = "000000000000.dkr.ecr.us-east-1.localhost.localstack.cloud:4566/app";
    expect(registryFor(uri, "http://127.0.0.1:4566")).toBe(
      "000000000000.dkr.ecr.us-east-1.localhost.localstack.cloud:4566",
    );
  });

  it("lets STACKCTL_REGISTRY override both", () => {
    vi.stubEnv("STACKCTL_REGISTRY", "127.0.0.1:4567");
    expect(registryFor("x.amazonaws.com/app", "http://127.0.0.1:4566")).toBe("127.0.0.1:4567");
  });
});

describe("stageUrl", () => {
  it("uses the /_aws/execute-api form both emulators serve", () => {
    expect(stageUrl("http://127.0.0.1:4566", "ab12cd34", "dev", "items/1")).toBe(
      "http://127.0.0.1:4566/_aws/execute-api/ab12cd34/dev/items/1",
    );
    expect(stageUrl("http://127.0.0.1:4566", "ab12cd34", "dev", "/")).toBe(
      "http://127.0.0.1:4566/_aws/execute-api/ab12cd34/dev/",
    );
  });
});

describe("describeEmulator", () => {
  afterEach(() => vi.unstubAllGlobals());

  const answering = (health: unknown) =>
    vi.stubGlobal("fetch", async () => new Response(JSON.stringify(health), { status: 200 }));

  it("knows LocalStack community cannot run image functions, so that check can skip with a reason", async () => {
    answering({ edition: "community", version: "4.14.0", services: { lambda: "available" } });
    const profile = await describeEmulator("http://127.0.0.1:4566");
    expect(profile.kind).toBe("localstack");
    expect(profile.imageLambdaGap).toMatch(/LocalStack community 4\.14\.0 cannot invoke PackageType=Image/);
  });

  it("expects ministack to run image functions (the CI check must never skip there)", async () => {
    answering({ edition: "light", version: "1.5.33", services: { ecr: "available", lambda: "available" } });
    const profile = await describeEmulator("http://127.0.0.1:4566");
    expect(profile).toMatchObject({ kind: "ministack", version: "1.5.33", imageLambdaGap: undefined });
  });
});
