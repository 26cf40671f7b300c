import type { ImageInfo } from "../ports.ts";
import { stackLabel } from "../stack-labels.ts";

/**
 * The tags of an image stackctl built (or tagged for a push) for this stack: its label says the
 * stack, and the tag is one of stackctl's own names (`[registry/]stackctl/<stack>-<repository>:<hash>`,
 * `ensure-image.ts`). Labels are inherited, so a user's image `FROM stackctl/<stack>-service:…` carries
 * the label too, but never such a tag: it is not ours and stays. Empty: not ours.
 */
export function ownImageTags(image: ImageInfo, stack: string): string[] {
  if (image.labels[stackLabel] !== stack) return [];
  const ours = new RegExp(
    `(^|/)stackctl/${stack.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}-[a-z0-9-]+:[0-9a-f]{12}$`,
  );
  return image.tags.filter((tag) => ours.test(tag));
}
