import type { ContainerEngine } from "../ports.ts";
import { stackLabel } from "../stack-labels.ts";
import type { BuiltImage } from "./ensure-image.ts";
import { ownImageTags } from "./own-image.ts";

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
    const tags = ownImageTags(image, stack);
    if (tags.length === 0) continue;
    for (const tag of tags) await engine.removeImage(tag);
    removed.push(`image ${tags[0]}`);
  }
  return removed;
}
