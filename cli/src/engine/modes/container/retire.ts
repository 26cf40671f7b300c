import type { ContainerEngine, ContainerInfo } from "../../ports.ts";
import { removeContainer } from "./removers.ts";

/** Stops (SIGTERM: the service drains in-flight requests) and removes containers the API no longer uses. */
export async function retireContainers(
  engine: ContainerEngine,
  containers: ContainerInfo[],
): Promise<string[]> {
  for (const container of containers) await removeContainer(engine, container.id);
  return containers.map((container) => `container ${container.name}`);
}
