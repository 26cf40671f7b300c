import { requireE2e, type TierStatus } from "../../../test/support/tiers.ts";
import { createDockerRuntime } from "../../src/adapters/docker-runtime.ts";

/**
 * Whether the tier's base image (the harness's stand-in for node:22-slim) is on this machine.
 * Missing: a loud skip locally, a failure under STACKCTL_REQUIRE_E2E=1.
 */
export async function baseImageReady(tier: TierStatus, file: string): Promise<boolean> {
  if (tier.skipReason !== undefined) return false;
  const image = tier.env.baseImage;
  if (
    await createDockerRuntime({ dockerHost: process.env.DOCKER_HOST, childEnv: process.env }).imagePresent(
      image,
    )
  )
    return true;
  const message = `${image} is not on this machine; run \`npm run test-env:up\``;
  if (requireE2e) throw new Error(`${file}: ${message}`);
  console.warn(`\n*** SKIPPING container checks in ${file}: ${message} ***\n`);
  return false;
}
