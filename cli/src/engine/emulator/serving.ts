import { stackName } from "../../config/schema.ts";
import type { ContainerEngine, ContainerInfo } from "../ports.ts";

/** The label docker-compose.yml puts on the managed LocalStack (value: the stack that started it). */
export const emulatorLabel = "dev.stackctl.emulator";
/** docker-compose.yml: "stackctl" when stackctl started it (compose-target.ts), else "hand". */
export const startedByLabel = "dev.stackctl.started-by";

/** The running compose LocalStack (docker-compose.yml) that publishes `port`, whoever started it. */
export async function servingEmulator(
  engine: ContainerEngine,
  port: number,
): Promise<ContainerInfo | undefined> {
  const emulators = await engine.findContainers({ [emulatorLabel]: "" });
  return emulators.find((container) => container.running && Object.values(container.ports).includes(port));
}

/**
 * The stack whose compose project runs the LocalStack on `port`, when stackctl started it (a stack's
 * `up`); undefined when nothing of docker-compose.yml runs there, or someone started it by hand.
 */
export async function stackctlStartedEmulator(
  engine: ContainerEngine,
  port: number,
): Promise<string | undefined> {
  const serving = await servingEmulator(engine, port);
  if (serving === undefined || serving.labels[startedByLabel] !== "stackctl") return undefined;
  const starter = serving.labels[emulatorLabel];
  return stackName.safeParse(starter).success ? starter : undefined;
}
