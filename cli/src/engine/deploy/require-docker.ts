import { StackctlError } from "../../errors.ts";
import type { ContainerEngine } from "../ports.ts";

/** Deploying needs a Docker engine whatever runs the emulator: say which one answers, or what is missing. */
export async function requireDocker(engine: ContainerEngine): Promise<string> {
  const state = await engine.state();
  if (state.state === "missing") throw new StackctlError("DOCKER_MISSING");
  if (state.state === "down") throw new StackctlError("DOCKER_NOT_RUNNING", { detail: state.detail });
  return `Docker ${state.version} (${await engine.architecture()})`;
}
