import { StackctlError } from "../../errors.ts";
import type { EngineContext } from "../context.ts";
import type { Clock, EmulatorHost, EnginePorts } from "../ports.ts";
import { composeTargetFor } from "./compose-target.ts";
import { emulatorImage, imageNeedsAuthToken } from "./pinned-image.ts";
import type { EmulatorInfo } from "./probe.ts";
import { waitUntilReady } from "./wait-ready.ts";

/**
 * Preconditions first, each with its own error, so a user learns exactly what is missing. Cheap
 * (no pull, no start), so --dry-run runs them too.
 */
export async function checkPreconditions(
  runtime: EmulatorHost,
  image: string,
  authTokenPresent: boolean,
): Promise<void> {
  const docker = await runtime.docker();
  if (docker.state === "missing") throw new StackctlError("DOCKER_MISSING");
  if (docker.state === "down") throw new StackctlError("DOCKER_NOT_RUNNING", { detail: docker.detail });
  const compose = await runtime.compose();
  if (!compose.ok) throw new StackctlError("COMPOSE_MISSING", { detail: compose.detail });
  if (imageNeedsAuthToken(image) && !authTokenPresent)
    throw new StackctlError("AUTH_TOKEN_REQUIRED", { image });
}

/** Starts the pinned LocalStack from docker-compose.yml and waits until it is ready. */
export async function startManagedEmulator(
  ctx: EngineContext,
  runtime: EmulatorHost,
  clock: Clock,
  endpoint: string,
  checks: Pick<EnginePorts, "probe" | "http">,
): Promise<EmulatorInfo> {
  const image = await emulatorImage(ctx.config.emulatorImage);
  await checkPreconditions(runtime, image, ctx.config.authTokenPresent);
  const target = composeTargetFor(ctx.config, ctx.secrets);
  if (!(await runtime.imagePresent(image))) {
    ctx.emit({ step: "emulator", status: "warn", message: `pulling ${image} (first run only)` });
    try {
      await runtime.pull(target);
    } catch (error) {
      const detail = (error as Error).message.split("\n").find((line) => line.trim() !== "") ?? "pull failed";
      throw new StackctlError("EMULATOR_IMAGE_UNAVAILABLE", { image, detail }, { cause: error });
    }
  }
  try {
    await runtime.up(target);
  } catch (error) {
    const lines = (error as Error).message.split("\n").filter((line) => line.trim() !== "");
    const detail = `docker compose up failed: ${lines[0] ?? "no output"}`;
    throw new StackctlError(
      "EMULATOR_START_FAILED",
      { detail },
      { cause: error, details: lines.slice(1, 20) },
    );
  }
  return waitUntilReady({
    endpoint,
    image,
    target,
    runtime,
    clock,
    checks,
    timeoutMs: ctx.config.emulator.readyTimeoutMs,
    signal: ctx.signal,
    warn: (message) => ctx.emit({ step: "emulator", status: "warn", message }),
  });
}
