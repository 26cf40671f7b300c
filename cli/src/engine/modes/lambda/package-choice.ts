import type { PackageType } from "../../../config/schema.ts";
import { StackctlError } from "../../../errors.ts";
import type { Capabilities } from "../../emulator/capabilities.ts";
import type { EmulatorInfo } from "../../emulator/probe.ts";

export interface PackageChoice {
  package: "image" | "zip";
  /** Said in the progress line and the result: why this package. */
  why: string;
}

/**
 * `auto` packages as an image where the emulator can run image functions and has a registry to
 * pull them from, else as zip from the same bundle; `image` makes that a requirement.
 */
export function choosePackage(
  requested: PackageType,
  info: Pick<EmulatorInfo, "kind" | "version" | "edition">,
  capabilities: Pick<Capabilities, "ecr" | "imageLambdas">,
): PackageChoice {
  const emulator = `${info.kind} ${info.version} (${info.edition})`;
  const missing = !capabilities.imageLambdas
    ? "image functions cannot be invoked"
    : !capabilities.ecr
      ? "no ECR registry to push the image to"
      : undefined;
  if (requested === "zip") return { package: "zip", why: "--package zip (config package) asked for zip" };
  if (requested === "image") {
    if (missing !== undefined)
      throw new StackctlError("IMAGE_LAMBDA_UNSUPPORTED", { emulator, detail: missing });
    return { package: "image", why: "--package image (config package) asked for an image" };
  }
  return missing === undefined
    ? { package: "image", why: `auto: ${emulator} runs image functions and has ECR` }
    : { package: "zip", why: `auto: ${emulator}: ${missing}, so the same bundle goes as a zip` };
}
