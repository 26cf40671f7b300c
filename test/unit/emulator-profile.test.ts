import { afterEach, describe, expect, it, vi } from "vitest";
import { probeEmulator } from "../../cli/src/composition/ports.ts";
import { loadConfig } from "../../cli/src/config/load.ts";
import { detectCapabilities } from "../../cli/src/engine/emulator/capabilities.ts";
import type { EmulatorKind } from "../../cli/src/engine/emulator/probe.ts";
import { profileFor, registryFor, stageUrl } from "../../cli/src/engine/profile/emulator-profile.ts";
import { repoRoot } from "../support/test-env.ts";

// The product's emulator profile (cli/src/engine/profile/emulator-profile.ts), which the e2e tier
// uses to push images and reach stages: what it answers for each emulator the tests run under.
const endpoint = "http://127.0.0.1:4566";
const profileOf = (kind: EmulatorKind) => profileFor({ kind, version: "x", edition: "x", endpoint });

describe("registryFor", () => {
  it("pushes to ministack's own port when its repository URI names amazonaws.com", () => {
    const uri = "000000000000.dkr.ecr.us-east-1.amazonaws.com/app";
    expect(registryFor(profileOf("ministack"), uri)).toBe("127.0.0.1:4566");
  });

  it("pushes to LocalStack's repository host as it is", () => {
    const uri = "000000000000.dkr.ecr.us-east-1.localhost.localstack.cloud:4566/app";
    expect(registryFor(profileOf("localstack"), uri)).toBe(
      "000000000000.dkr.ecr.us-east-1.localhost.localstack.cloud:4566",
    );
  });

  it("lets STACKCTL_REGISTRY override both", async () => {
    const config = await loadConfig({
      flags: {},
      env: { STACKCTL_REGISTRY: "127.0.0.1:4567" },
      cwd: repoRoot,
    });
    for (const kind of ["ministack", "localstack"] as const)
      expect(registryFor(profileOf(kind), "x.amazonaws.com/app", config.registry)).toBe("127.0.0.1:4567");
  });
});

describe("stageUrl", () => {
  // The product writes `localhost` for 127.0.0.1 (the form LocalStack documents; both emulators
  // answer it on loopback); any other host is kept.
  it("uses the /_aws/execute-api form both emulators serve", () => {
    expect(stageUrl(endpoint, "ab12cd34", "dev", "items/1")).toBe(
      "http://localhost:4566/_aws/execute-api/ab12cd34/dev/items/1",
    );
    expect(stageUrl(endpoint, "ab12cd34", "dev", "/")).toBe(
      "http://localhost:4566/_aws/execute-api/ab12cd34/dev/",
    );
    expect(stageUrl("http://172.17.0.1:4566", "ab12cd34", "dev", "/")).toBe(
      "http://172.17.0.1:4566/_aws/execute-api/ab12cd34/dev/",
    );
  });
});

describe("emulator detection and capabilities", () => {
  afterEach(() => vi.unstubAllGlobals());

  // ministack also serves /_ministack/health; LocalStack answers 404 there.
  const answering = (health: unknown, ministack: boolean) =>
    vi.stubGlobal("fetch", async (url: string) =>
      url.endsWith("/_localstack/health")
        ? new Response(JSON.stringify(health), { status: 200 })
        : new Response("{}", { status: ministack ? 200 : 404 }),
    );
  const detected = async () => {
    const probed = await probeEmulator(endpoint);
    if (probed.state !== "ready") throw new Error(`probe answered ${probed.state}`);
    return probed.info;
  };

  it("knows LocalStack community cannot run image functions, so that check can skip with a reason", async () => {
    answering({ edition: "community", version: "4.14.0", services: { lambda: "available" } }, false);
    const info = await detected();
    expect(info.kind).toBe("localstack");
    const capabilities = await detectCapabilities(info, {
      registry: { probe: () => Promise.reject(new Error("not included in your current license plan")) },
      dockerReachable: async () => true,
    });
    expect(capabilities).toMatchObject({ ecr: false, imageLambdas: false });
    expect(capabilities.notes.join("\n")).toMatch(/LocalStack community cannot invoke image functions/);
  });

  it("expects ministack to run image functions (the CI check must never skip there)", async () => {
    answering(
      { edition: "light", version: "1.5.33", services: { ecr: "available", lambda: "available" } },
      true,
    );
    const info = await detected();
    expect(info).toMatchObject({ kind: "ministack", version: "1.5.33" });
    const capabilities = await detectCapabilities(info, {
      registry: { probe: async () => {} },
      dockerReachable: async () => true,
    });
    expect(capabilities).toMatchObject({ ecr: true, imageLambdas: true });
  });
});
