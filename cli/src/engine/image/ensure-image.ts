import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { StackctlError } from "../../errors.ts";
import type { EngineContext } from "../context.ts";
import { explainStep, type PlannedStep, planStep } from "../plan-step.ts";
import type { BuildFailure, ContainerEngine, ImageInfo } from "../ports.ts";
import { shellLine } from "../shell-quote.ts";
import { stackLabels } from "../stack-labels.ts";
import type { LedgerWriter } from "../state/ledger-writer.ts";
import { recordResource } from "../state/resources.ts";
import type { ServiceBundle } from "./bundle.ts";
import { tarContext } from "./tar-context.ts";

/**
 * What one compute mode builds: each mode folder declares its own (`modes/<mode>/image-spec.ts`),
 * so the image step knows no mode by name.
 */
export interface ImageTarget {
  /** The step (`image.<name>`) and the image's `dev.stackctl.image` label. */
  name: string;
  /** In `service/`. */
  dockerfile: string;
  /** `stackctl/<stack>-<repository>`. */
  repository: string;
  /** The build argument that names the base image. */
  buildArg: string;
  baseImage(config: EngineContext["config"]): string;
  /** Where the user sets the base image, for messages. */
  setting: string;
}

export interface BuiltImage {
  /** The target's name (`ImageTarget.name`). */
  target: string;
  /** `stackctl/<stack>-service:<content hash>`: never `latest`, so a tag always means one content. */
  tag: string;
  id: string;
  contentHash: string;
  architecture: string;
  baseImage: string;
  change: "built" | "unchanged";
}

/** Records a built (or reused) image in the ledger, so `down` removes it even without its label sweep. */
export async function recordImage(state: LedgerWriter, image: BuiltImage): Promise<void> {
  await recordResource(state, {
    kind: "image",
    name: image.tag,
    id: image.id,
    ownedByStackctl: true,
    attributes: { target: image.target, contentHash: image.contentHash },
  });
}

export function imageRepository(stack: string, target: Pick<ImageTarget, "repository">): string {
  return `stackctl/${stack}-${target.repository}`;
}

async function baseImageInfo(
  ctx: EngineContext,
  engine: ContainerEngine,
  step: string,
  image: string,
  setting: string,
): Promise<ImageInfo> {
  const present = await engine.inspectImage(image);
  if (present !== undefined) return present;
  ctx.emit({ step, status: "warn", message: `pulling base image ${image} (first run only)` });
  try {
    await engine.pullImage(image, (line) => ctx.emit({ step, status: "log", message: line }));
  } catch (error) {
    throw new StackctlError(
      "BASE_IMAGE_UNAVAILABLE",
      { image, setting, detail: (error as Error).message },
      { cause: error },
    );
  }
  const pulled = await engine.inspectImage(image);
  if (pulled === undefined)
    throw new StackctlError("BASE_IMAGE_UNAVAILABLE", {
      image,
      setting,
      detail: "the pull ended without it",
    });
  return pulled;
}

/**
 * Docker's classic builder reuses cached layers that are untagged images of their own. Removing an
 * image (another stack's `down`, or a redeploy's sweep, on the same engine) also removes its untagged
 * parents that have no other child, and a build that is just committing a step on such a cached layer
 * then fails with "unknown parent image ID" (seen in CI: three stacks up at once while other stacks
 * came down). The layer is gone for good, so a second build recreates it: the failure is a race, not
 * the user's Dockerfile.
 */
const REMOVED_PARENT = /unknown parent image ID|failed to set parent|No such image: sha256:/i;
const BUILD_ATTEMPTS = 3;

export async function buildRacingRemovals<T>(
  ctx: Pick<EngineContext, "emit">,
  step: string,
  build: () => Promise<T>,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await build();
    } catch (error) {
      const raced = (error as Error).name === "BuildFailure" && REMOVED_PARENT.test((error as Error).message);
      if (!raced || attempt >= BUILD_ATTEMPTS) throw error;
      ctx.emit({
        step,
        status: "warn",
        message: `a cached layer was removed by another image removal on this Docker engine while building; building again (attempt ${attempt + 1} of ${BUILD_ATTEMPTS})`,
      });
    }
  }
}

function contentHashOf(bundleSha: string, dockerfile: Buffer, baseId: string, buildArgs: object): string {
  return createHash("sha256")
    .update(bundleSha)
    .update("\0")
    .update(dockerfile)
    .update("\0")
    .update(baseId)
    .update("\0")
    .update(JSON.stringify(buildArgs))
    .digest("hex")
    .slice(0, 12);
}

function imageLabels(stack: string, target: ImageTarget, contentHash: string): Record<string, string> {
  return { ...stackLabels(stack), "dev.stackctl.image": target.name, "dev.stackctl.content": contentHash };
}

/** The `docker build` the image step runs, from the bundle's folder (its Dockerfiles and `dist/`). */
export function buildCommands(
  ctx: EngineContext,
  target: ImageTarget,
  image: { tag: string; contentHash: string },
  dir: string,
): string[] {
  const labels = Object.entries(imageLabels(ctx.config.stack, target, image.contentHash)).flatMap(
    ([key, value]) => ["--label", `${key}=${value}`],
  );
  return [
    shellLine(
      "docker",
      "build",
      "-f",
      path.join(dir, target.dockerfile),
      "--build-arg",
      `${target.buildArg}=${target.baseImage(ctx.config)}`,
      ...labels,
      "-t",
      image.tag,
      dir,
    ),
  ];
}

/** What `--dry-run` knows of an image before building it. */
export type PlannedImage = BuiltImage;

/**
 * `--dry-run`: the image's tag from the bundle and the base image as Docker has them (read only:
 * nothing pulled or built), and whether that tag is already there. Without a bundle or a local
 * base image, the tag's content hash is unknown and shown as such.
 */
export async function planImage(
  ctx: EngineContext,
  engine: ContainerEngine | undefined,
  bundle: ServiceBundle | undefined,
  target: ImageTarget,
  shownDir: string,
): Promise<{ entry: PlannedStep; image: PlannedImage }> {
  const step = `image.${target.name}`;
  const baseImage = target.baseImage(ctx.config);
  const base = engine === undefined ? undefined : await engine.inspectImage(baseImage);
  const repository = imageRepository(ctx.config.stack, target);
  const planned = (contentHash: string, change: BuiltImage["change"], id = ""): PlannedImage => ({
    target: target.name,
    tag: `${repository}:${contentHash}`,
    id,
    contentHash,
    architecture: "",
    baseImage,
    change,
  });
  if (bundle === undefined || base === undefined) {
    const image = planned("<content-hash>", "built");
    const why =
      bundle === undefined ? "tag known once bundled" : `base image ${baseImage} would be pulled first`;
    const dir = shownDir;
    const entry = planStep(
      ctx,
      { step, action: "create", target: `image ${image.tag}`, message: why },
      buildCommands(ctx, target, image, dir),
    );
    return { entry, image };
  }
  const dockerfile = await readFile(path.join(bundle.dir, target.dockerfile));
  const contentHash = contentHashOf(bundle.sha256, dockerfile, base.id, { [target.buildArg]: baseImage });
  const existing = await engine?.inspectImage(`${repository}:${contentHash}`);
  if (existing !== undefined) {
    const image = { ...planned(contentHash, "unchanged", existing.id), architecture: existing.architecture };
    return { entry: planStep(ctx, { step, action: "unchanged", target: `image ${image.tag}` }), image };
  }
  const image = planned(contentHash, "built");
  const entry = planStep(
    ctx,
    { step, action: "create", target: `image ${image.tag}` },
    buildCommands(ctx, target, image, shownDir),
  );
  return { entry, image };
}

/**
 * The image of one target, content-addressed: a hash of the bundle, the Dockerfile, the base
 * image's id and the build args. An image with that tag is reused as is ("unchanged").
 */
export async function ensureImage(
  ctx: EngineContext,
  engine: ContainerEngine,
  bundle: ServiceBundle,
  target: ImageTarget,
): Promise<{ value: BuiltImage; message: string }> {
  const spec = target;
  const step = `image.${target.name}`;
  const baseImage = target.baseImage(ctx.config);
  const base = await baseImageInfo(ctx, engine, step, baseImage, spec.setting);
  const buildArgs = { [spec.buildArg]: baseImage };
  const dockerfile = await readFile(path.join(bundle.dir, spec.dockerfile));
  const contentHash = contentHashOf(bundle.sha256, dockerfile, base.id, buildArgs);
  const tag = `${imageRepository(ctx.config.stack, target)}:${contentHash}`;
  const result = (id: string, architecture: string, change: BuiltImage["change"]): BuiltImage => ({
    target: target.name,
    tag,
    id,
    contentHash,
    architecture,
    baseImage,
    change,
  });
  const existing = await engine.inspectImage(tag);
  if (existing !== undefined) {
    return {
      value: result(existing.id, existing.architecture, "unchanged"),
      message: `${tag} unchanged (already built)`,
    };
  }
  explainStep(ctx, step, buildCommands(ctx, target, { tag, contentHash }, bundle.dir));
  const build = async () =>
    engine.buildImage(
      {
        context: await tarContext(bundle.dir, [spec.dockerfile, "dist"]),
        dockerfile: spec.dockerfile,
        tag,
        labels: imageLabels(ctx.config.stack, target, contentHash),
        buildArgs,
      },
      (line) => ctx.emit({ step, status: "log", message: line }),
    );
  try {
    const built = await buildRacingRemovals(ctx, step, build);
    return { value: result(built.id, built.architecture, "built"), message: `built ${tag}` };
  } catch (error) {
    if ((error as Error).name !== "BuildFailure") throw error;
    const failure = error as BuildFailure;
    throw new StackctlError(
      "IMAGE_BUILD_FAILED",
      {
        image: tag,
        dockerfile: `service/${spec.dockerfile}`,
        step: failure.step === undefined ? "" : ` at ${failure.step}`,
        detail: failure.message.trim(),
      },
      { cause: error, details: failure.tail.slice(-15) },
    );
  }
}
