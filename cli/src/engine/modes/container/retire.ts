import type { BuiltImage } from "../../image/ensure-image.ts";
import type { ContainerEngine, ContainerInfo } from "../../ports.ts";
import { stackLabel } from "../../stack-labels.ts";

/** Stops (SIGTERM: the service drains in-flight requests) and removes containers the API no longer uses. */
export async function retireContainers(
  engine: ContainerEngine,
  containers: ContainerInfo[],
): Promise<string[]> {
  for (const container of containers) {
    await engine.stopContainer(container.id, 10);
    await engine.removeContainer(container.id);
  }
  return containers.map((container) => `container ${container.name}`);
}

/** Images of the stack's same target that no running container uses any more. */
export async function removeStaleImages(
  engine: ContainerEngine,
  stack: string,
  current: BuiltImage,
): Promise<string[]> {
  const images = await engine.findImages({ [stackLabel]: stack, "dev.stackctl.image": current.target });
  const inUse = new Set(
    (await engine.findContainers({ [stackLabel]: stack })).map((container) => container.image),
  );
  const removed: string[] = [];
  for (const image of images) {
    if (image.id === current.id || image.tags.some((tag) => inUse.has(tag))) continue;
    await engine.removeImage(image.id);
    removed.push(`image ${image.tags[0] ?? image.id.slice(7, 19)}`);
  }
  return removed;
}
