import { createHash } from "node:crypto";
import { copyFile, readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { StackctlError } from "../../errors.ts";
import { repoPaths } from "../../paths.ts";

export interface ServiceBundle {
  /** A build context: the Dockerfiles and `dist/` (the bundle). */
  dir: string;
  /** sha256 over every file of the bundle, names included. */
  sha256: string;
}

export const serviceDockerfiles = ["Dockerfile", "Dockerfile.lambda"] as const;

async function hashTree(dir: string): Promise<string> {
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
export async function buildServiceBundle(workDir: string, signal: AbortSignal): Promise<ServiceBundle> {
  const { execa } = await import("execa");
  const dist = path.join(workDir, "dist");
  const result = await execa(process.execPath, [repoPaths.serviceBuildScript, dist], {
    cwd: repoPaths.serviceDir,
    all: true,
    reject: false,
    cancelSignal: signal,
  });
  if (result.exitCode !== 0) {
    const lines = String(result.all ?? "")
      .split("\n")
      .filter((line) => line.trim() !== "");
    throw new StackctlError(
      "BUNDLE_FAILED",
      { detail: lines.find((line) => /error/i.test(line)) ?? lines[0] ?? `exit ${result.exitCode}` },
      { details: lines.slice(-20) },
    );
  }
  const sha256 = await hashTree(dist);
  for (const dockerfile of serviceDockerfiles)
    await copyFile(path.join(repoPaths.serviceDir, dockerfile), path.join(workDir, dockerfile));
  return { dir: workDir, sha256 };
}
