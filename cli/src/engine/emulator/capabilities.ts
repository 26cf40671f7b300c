import type { Registry } from "../ports.ts";
import type { EmulatorInfo } from "./probe.ts";

export interface Capabilities {
  /** ECR API answers (LocalStack community does not have it). */
  ecr: boolean;
  /** Lambda functions with PackageType=Image can be invoked, not only created. */
  imageLambdas: boolean;
  /** Why each capability is what it is, in words a user can act on. */
  notes: string[];
}

export interface CapabilityProbes {
  registry: Pick<Registry, "probe">;
  /** Whether a Docker engine answers on this machine (ministack runs image functions with it). */
  dockerReachable: () => Promise<boolean>;
}

async function ecrAnswers(registry: Pick<Registry, "probe">): Promise<{ ok: boolean; detail: string }> {
  try {
    await registry.probe();
    return { ok: true, detail: "ECR answers" };
  } catch (error) {
    return { ok: false, detail: `ECR call failed: ${(error as Error).message.split("\n")[0]}` };
  }
}

/** Capabilities are detected, never assumed: see docs/emulators.md for what each emulator can do. */
export async function detectCapabilities(
  info: EmulatorInfo,
  probes: CapabilityProbes,
): Promise<Capabilities> {
  const ecr = await ecrAnswers(probes.registry);
  const notes = [ecr.detail];
  let imageLambdas = false;
  if (info.kind === "localstack") {
    imageLambdas = info.edition !== "community";
    notes.push(
      imageLambdas
        ? `LocalStack ${info.edition} runs image functions`
        : "LocalStack community cannot invoke image functions (a Pro feature); lambda mode packages as zip",
    );
  } else if (info.kind === "ministack") {
    imageLambdas = await probes.dockerReachable();
    notes.push(
      imageLambdas
        ? "ministack runs image functions with the local Docker engine"
        : "ministack needs a Docker engine to run image functions and none answers",
    );
  } else {
    notes.push("unknown emulator: image functions are not assumed to work");
  }
  return { ecr: ecr.ok, imageLambdas, notes };
}
