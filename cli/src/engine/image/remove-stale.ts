import type { ContainerEngine } from "../ports.ts";
import { stackLabel } from "../stack-labels.ts";
import type { BuiltImage } from "./ensure-image.ts";

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
