import { StackctlError } from "../../../errors.ts";
import type { EngineContext } from "../../context.ts";
import type { BuiltImage } from "../../image/ensure-image.ts";
import type { ContainerEngine, Registry } from "../../ports.ts";
import { type EmulatorProfile, registryFor } from "../../profile/emulator-profile.ts";
import { shellLine } from "../../shell-quote.ts";
import { stackTagKey } from "../../stack-labels.ts";

export interface PushedImage {
  repository: string;
  /** `<registry>/<repository>:<content hash>`: what the function's ImageUri names. */
  imageUri: string;
  registry: string;
  digest: string;
  change: "pushed" | "unchanged";
}

/** The ECR repository of the stack's function images (the local image's name without the tag). */
export function functionRepository(image: Pick<BuiltImage, "tag">): string {
  return image.tag.slice(0, image.tag.lastIndexOf(":"));
}

/**
 * Pushes the content-addressed image to the emulator's ECR, into a repository tagged with the
 * stack. A tag the registry already holds is never pushed again: same tag, same content.
 */
export async function pushFunctionImage(
  ctx: EngineContext,
  engine: ContainerEngine,
  registry: Registry,
  profile: EmulatorProfile,
  image: BuiltImage,
): Promise<{ value: PushedImage; message: string }> {
  const repository = functionRepository(image);
  const repo = await registry.ensureRepository(repository, { [stackTagKey]: ctx.config.stack });
  const host = registryFor(profile, repo.uri, ctx.config.registry);
  const imageUri = `${host}/${repository}:${image.contentHash}`;
  const held = (await registry.images(repository)).find((entry) => entry.tag === image.contentHash);
  if (held !== undefined) {
    return {
      value: { repository, imageUri, registry: host, digest: held.digest, change: "unchanged" },
      message: `${imageUri} already in the registry`,
    };
  }
  if (ctx.explain)
    ctx.emit({
      step: "image.push",
      status: "explain",
      commands: [
        `aws ecr get-login-password | docker login --username AWS --password-stdin ${host}`,
        shellLine("docker", "tag", image.tag, imageUri),
        shellLine("docker", "push", imageUri),
      ],
    });
  const auth = await registry.authorization();
  await engine.tagImage(image.tag, imageUri);
  let digest: string | undefined;
  try {
    digest = (
      await engine.pushImage(imageUri, { ...auth, serveraddress: host }, (line) =>
        ctx.emit({ step: "image.push", status: "log", message: line }),
      )
    ).digest;
  } catch (error) {
    throw new StackctlError(
      "IMAGE_PUSH_FAILED",
      { image: imageUri, registry: host, detail: (error as Error).message },
      { cause: error },
    );
  }
  const recorded = (await registry.images(repository)).find((entry) => entry.tag === image.contentHash);
  return {
    value: {
      repository,
      imageUri,
      registry: host,
      digest: digest ?? recorded?.digest ?? "",
      change: "pushed",
    },
    message: `pushed ${imageUri}${repo.created ? ` (created repository ${repository})` : ""}`,
  };
}
