import { afterEach, describe, expect, it, vi } from "vitest";
import { registryFor, stageUrl } from "../support/emulator-profile.ts";

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
