import type { ContainerEngine } from "../ports.ts";
import { stackLabel } from "../stack-labels.ts";
import type { BuiltImage } from "./ensure-image.ts";
import { ownImageTags } from "./own-image.ts";

/**
 * Images of the stack's same target that no container uses any more, each as its own tags (the
 * first names it). `leaving`: ids of containers about to go, whose images count as unused.
 */
export async function staleImages(
  engine: ContainerEngine,
  stack: string,
  current: Pick<BuiltImage, "target" | "id" | "tag">,
  leaving: ReadonlySet<string> = new Set(),
): Promise<string[][]> {
  const images = await engine.findImages({ [stackLabel]: stack, "dev.stackctl.image": current.target });
  const inUse = new Set(
    (await engine.findContainers({ [stackLabel]: stack }))
      .filter((container) => !leaving.has(container.id))
      .map((container) => container.image),
  );
  const stale: string[][] = [];
  for (const image of images) {
    if (
      image.id === current.id ||
      image.tags.includes(current.tag) ||
      image.tags.some((tag) => inUse.has(tag))
    )
      continue;
    const tags = ownImageTags(image, stack);
    if (tags.length > 0) stale.push(tags);
  }
  return stale;
}

/** Images of the stack's same target that no running container uses any more. */
export async function removeStaleImages(
  engine: ContainerEngine,
  stack: string,
  current: BuiltImage,
): Promise<string[]> {
  const removed: string[] = [];
  for (const tags of await staleImages(engine, stack, current)) {
    for (const tag of tags) await engine.removeImage(tag);
    removed.push(`image ${tags[0]}`);
  }
  return removed;
}
