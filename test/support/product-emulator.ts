import { probeEmulator } from "../../cli/src/composition/ports.ts";
import type { EngineContext } from "../../cli/src/engine/context.ts";
import type { EmulatorInfo } from "../../cli/src/engine/emulator/probe.ts";
import { type EmulatorProfile, profileFor } from "../../cli/src/engine/profile/emulator-profile.ts";
import { engineContext } from "../../cli/test/support/fakes.ts";
import { repoRoot } from "./test-env.ts";

/** The emulator at `endpoint` as the product detects it, with the product's profile for it. */
export async function productEmulator(
  endpoint: string,
): Promise<{ info: EmulatorInfo; profile: EmulatorProfile }> {
  const probed = await probeEmulator(endpoint, undefined, 5_000);
  if (probed.state !== "ready")
    throw new Error(`the product finds no emulator at ${endpoint}: ${probed.detail}`);
  return { info: probed.info, profile: profileFor(probed.info) };
}

/**
 * An engine context for a test's own stack (3–40 of a-z, 0-9, '-'), configured as a user of this
 * test run would be: the region and registry override the run's environment names.
 */
export function stackContext(stack: string, endpoint: string): Promise<EngineContext> {
  const env: Record<string, string> = {};
  for (const name of ["AWS_REGION", "STACKCTL_REGISTRY"]) {
    const value = process.env[name];
    if (value !== undefined && value !== "") env[name] = value;
  }
  // test/ holds no stackctl.config.json, and these contexts write no state.
  return engineContext(`${repoRoot}test`, { stack, endpoint, env });
}
