import { createHash } from "node:crypto";
import { copyFile, mkdtemp, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { StackctlError } from "../../errors.ts";
import { repoPaths } from "../../paths.ts";
import type { EngineContext } from "../context.ts";
import { type PlannedStep, planStep } from "../plan-step.ts";
import type { Processes } from "../ports.ts";
import { shellLine } from "../shell-quote.ts";
import { stackDir } from "../state/ledger.ts";
import { refuseLink } from "../state/no-links.ts";
import { claimOwnedDir } from "../state/owned-dir.ts";

export interface ServiceBundle {
  /** A build context: the Dockerfiles and `dist/` (the bundle). */
  dir: string;
  /** sha256 over every file of the bundle, names included. */
  sha256: string;
}

function bundleDir(ctx: EngineContext): string {
  return path.join(stackDir(ctx.config.stateDir, ctx.config.stack), "build");
}

/** What the bundle step runs, as shell lines: the service's build script, then its Dockerfiles beside `dist/`. */
export function bundleCommands(workDir: string): string[] {
  const dist = path.join(workDir, "dist");
  return [
    shellLine("mkdir", "-p", workDir),
    `(${shellLine("cd", repoPaths.serviceDir)} && ${shellLine("node", path.relative(repoPaths.serviceDir, repoPaths.serviceBuildScript), dist)})`,
    shellLine(
      "cp",
      ...serviceDockerfiles.map((name) => path.join(repoPaths.serviceDir, name)),
      `${workDir}/`,
    ),
  ];
}

/** The bundle step of either mode: built into the stack's state folder, or reused when its inputs are unchanged. */
export async function bundleForStack(
  ctx: EngineContext,
  processes: Processes,
): Promise<{ value: ServiceBundle; message: string }> {
  const dir = bundleDir(ctx);
  const built = await buildServiceBundle(dir, processes, ctx.signal);
  if (!built.reused && ctx.explain)
    ctx.emit({ step: "image.bundle", status: "explain", commands: bundleCommands(dir) });
  const reused = built.reused ? " (sources unchanged, reused)" : "";
  return { value: built, message: `esbuild bundle ${built.sha256.slice(0, 12)}${reused}` };
}

export interface PlannedBundle {
  entry: PlannedStep;
  /** Where `up` keeps the bundle (what commands name); `bundle.dir` is where it can be read now. */
  dir: string;
  /** Undefined when nothing could be read (no emulator to plan against). */
  bundle: ServiceBundle | undefined;
  /** Removes the scratch bundle a dry run built. */
  dispose(): Promise<void>;
}

/**
 * `--dry-run`: the bundle the deploy would use. A cached one whose inputs are unchanged is read as
 * is; otherwise it is built in a scratch folder outside the stack's state (esbuild only: nothing in
 * Docker or the emulator), so the image tag and everything named after it is exact.
 */
export async function planBundle(
  ctx: EngineContext,
  processes: Processes,
  options: { read: boolean },
): Promise<PlannedBundle> {
  const dir = bundleDir(ctx);
  const step = "image.bundle";
  const none = async () => undefined;
  if (!options.read) {
    const entry = planStep(ctx, { step, action: "create", target: `bundle ${dir}` }, bundleCommands(dir));
    return { entry, dir, bundle: undefined, dispose: none };
  }
  const inputs = await inputHash();
  const previous = await readFile(path.join(dir, "inputs.sha256"), "utf8").catch(() => undefined);
  const dist = path.join(dir, "dist");
  if (previous === inputs && (await stat(dist).catch(() => undefined))?.isDirectory() === true) {
    const entry = planStep(ctx, {
      step,
      action: "unchanged",
      target: `bundle ${dir}`,
      message: "sources unchanged, reused",
    });
    return { entry, dir, bundle: { dir, sha256: await hashTree(dist) }, dispose: none };
  }
  const scratch = await mkdtemp(path.join(tmpdir(), "stackctl-plan-"));
  const dispose = () => rm(scratch, { recursive: true, force: true });
  try {
    const built = await buildServiceBundle(scratch, processes, ctx.signal);
    const entry = planStep(
      ctx,
      { step, action: previous === undefined ? "create" : "update", target: `bundle ${dir}` },
      bundleCommands(dir),
    );
    return { entry, dir, bundle: { dir: scratch, sha256: built.sha256 }, dispose };
  } catch (error) {
    await dispose();
    throw error;
  }
}

export const serviceDockerfiles = ["Dockerfile", "Dockerfile.lambda"] as const;

/**
 * What the bundle is made from: the service's sources, its build script and manifest, and the lock
 * file (dependency versions). Unchanged inputs reuse the last bundle instead of running esbuild.
 */
async function inputHash(): Promise<string> {
  const hash = createHash("sha256");
  hash.update(await hashTree(repoPaths.serviceSources));
  for (const file of [
    repoPaths.serviceBuildScript,
    repoPaths.serviceBundleOptions,
    repoPaths.servicePackage,
    repoPaths.lockFile,
    ...serviceDockerfiles.map((name) => path.join(repoPaths.serviceDir, name)),
  ]) {
    hash.update(await readFile(file).catch(() => Buffer.from("missing")));
  }
  return hash.digest("hex");
}

export async function hashTree(dir: string): Promise<string> {
  const hash = createHash("sha256");
  const entries = (await readdir(dir, { recursive: true, withFileTypes: true }))
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath, entry.name))
    .sort();
  for (const file of entries) {
    hash.update(path.relative(dir, file));
    hash.update("\0");
    hash.update(await readFile(file));
    hash.update("\0");
  }
  return hash.digest("hex");
}

/**
 * The service as one esbuild bundle per entry point (service/scripts/build.mjs), which both
 * Dockerfiles and the Lambda zip copy as is: no npm install, no dev dependencies in an image.
 */
export async function buildServiceBundle(
  workDir: string,
  processes: Processes,
  signal: AbortSignal,
): Promise<ServiceBundle & { reused: boolean }> {
  const dist = path.join(workDir, "dist");
  await claimOwnedDir(workDir);
  // A linked dist would be emptied and written through by the build (service/scripts/build.mjs refuses it too).
  await refuseLink(dist);
  const inputs = await inputHash();
  const marker = path.join(workDir, "inputs.sha256");
  const previous = await readFile(marker, "utf8").catch(() => undefined);
  if (previous === inputs && (await stat(dist).catch(() => undefined))?.isDirectory() === true) {
    return { dir: workDir, sha256: await hashTree(dist), reused: true };
  }
  const result = await processes.runNode(repoPaths.serviceBuildScript, [dist], {
    cwd: repoPaths.serviceDir,
    signal,
  });
  if (result.exitCode !== 0) {
    const lines = result.output.split("\n").filter((line) => line.trim() !== "");
    throw new StackctlError(
      "BUNDLE_FAILED",
      { detail: lines.find((line) => /error/i.test(line)) ?? lines[0] ?? `exit ${result.exitCode}` },
      { details: lines.slice(-20) },
    );
  }
  const sha256 = await hashTree(dist);
  for (const dockerfile of serviceDockerfiles)
    await copyFile(path.join(repoPaths.serviceDir, dockerfile), path.join(workDir, dockerfile));
  await writeFile(marker, inputs);
  return { dir: workDir, sha256, reused: false };
}
