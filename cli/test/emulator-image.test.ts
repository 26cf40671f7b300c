import { describe, expect, it } from "vitest";
import { composeCommand, composeTargetFor } from "../src/engine/emulator/compose-target.ts";
import { emulatorImage } from "../src/engine/emulator/pinned-image.ts";
import { engineContext } from "./support/fakes.ts";

describe("STACKCTL_EMULATOR_IMAGE", () => {
  it("replaces the pinned image for stackctl and for docker compose alike", async () => {
    const image = "stackctl-test/localstack:4.14.0";
    const ctx = await engineContext("/tmp", { env: { STACKCTL_EMULATOR_IMAGE: image } });
    expect(await emulatorImage(ctx.config.emulatorImage)).toBe(image);
    const target = composeTargetFor(ctx.config, ctx.secrets);
    expect(target.env.STACKCTL_EMULATOR_IMAGE).toBe(image);
    expect(composeCommand(target, ["up", "-d"])).toContain(`STACKCTL_EMULATOR_IMAGE=${image}`);
  });

  it("leaves the pin in place when unset or empty", async () => {
    for (const env of [{}, { STACKCTL_EMULATOR_IMAGE: "" }] as Record<string, string>[]) {
      const ctx = await engineContext("/tmp", { env });
      expect(await emulatorImage(ctx.config.emulatorImage)).toBe("localstack/localstack:4.14.0");
      expect(composeTargetFor(ctx.config, ctx.secrets).env.STACKCTL_EMULATOR_IMAGE).toBeUndefined();
    }
  });
});
