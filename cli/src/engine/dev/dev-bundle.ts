import { mkdir, readdir, rename, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
// The same extra files service/scripts/build.mjs writes (service/scripts/bundle-options.mjs).
import { bundleMarkerText, bundlePackageJson } from "@stackctl/service/bundle-options";
import { repoPaths } from "../../paths.ts";
import type { ServiceBundle } from "../image/bundle.ts";
import { hashTree } from "../image/bundle.ts";
import type { BundleProblem, BundleSession, ServiceBundler } from "../ports.ts";
import { stackDir } from "../state/ledger.ts";
import { claimOwnedDir, ownMarker } from "../state/owned-dir.ts";

export type DevBuild = { ok: true; bundle: ServiceBundle } | { ok: false; problems: string[] };

/** esbuild's error as an editor reads it: `service/src/x.ts:12:5: message` (1-based column). */
export function problemText(problem: BundleProblem): string {
  if (problem.file === undefined) return problem.text;
  const file = path.relative(repoPaths.root, path.resolve(repoPaths.serviceDir, problem.file));
  const where = problem.line === undefined ? file : `${file}:${problem.line}:${(problem.column ?? 0) + 1}`;
  const source = problem.lineText === undefined ? [] : [`  ${problem.lineText.trim()}`];
  return [`${where}: ${problem.text}`, ...source].join("\n");
}

/**
 * The stack's `build` folder (image/bundle.ts) holds `dist/`, which `up` builds, and `dev/<hash>/dist`,
 * one folder per reload's bundle: a container binds its own read-only, so the old one keeps its
 * code until it is retired. `down` removes the whole folder with the stack.
 */
export function devBundleRoot(stateDir: string, stack: string): string {
  return path.join(stackDir(stateDir, stack), "build", "dev");
}

/** An esbuild context for the session, built the way `up` builds (same options, same outdir). */
export async function openDevBundler(
  bundler: ServiceBundler,
  stateDir: string,
  stack: string,
  /** The entry point the serving mode runs (`ComputeMode.devEntry`); undefined: all of them. */
  entry: string | undefined,
): Promise<{ build(): Promise<DevBuild>; dispose(): Promise<void> }> {
  const build = path.join(stackDir(stateDir, stack), "build");
  await mkdir(build, { recursive: true });
  await claimOwnedDir(build);
  const root = devBundleRoot(stateDir, stack);
  await mkdir(root, { recursive: true });
  const session: BundleSession = await bundler.open({
    serviceDir: repoPaths.serviceDir,
    outdir: path.join(build, "dist"),
    sourcesContent: false,
    ...(entry === undefined ? {} : { entries: [entry] }),
  });
  let counter = 0;
  return {
    async build() {
      const built = await session.rebuild();
      if (!built.ok) return { ok: false, problems: built.errors.map(problemText) };
      counter += 1;
      const scratch = path.join(root, `.writing-${process.pid}-${counter}`);
      await rm(scratch, { recursive: true, force: true });
      const dist = path.join(scratch, "dist");
      await mkdir(dist, { recursive: true, mode: 0o755 });
      // Readable by the service's user (uid 1000) through the bind mount, whatever the umask.
      const put = (name: string, contents: string | Uint8Array) =>
        writeFile(path.join(dist, name), contents, { mode: 0o644 });
      await put(ownMarker, bundleMarkerText);
      await put("package.json", bundlePackageJson);
      for (const file of built.files) await put(file.name, file.contents);
      const sha256 = await hashTree(dist);
      const dir = path.join(root, sha256.slice(0, 12));
      if ((await stat(dir).catch(() => undefined)) === undefined) await rename(scratch, dir);
      else await rm(scratch, { recursive: true, force: true });
      return { ok: true, bundle: { dir, sha256 } };
    },
    dispose: () => session.dispose(),
  };
}

/** Removes every reload's folder but the ones named (those a container may still bind). */
export async function pruneDevBundles(
  stateDir: string,
  stack: string,
  keep: readonly string[],
): Promise<void> {
  const root = devBundleRoot(stateDir, stack);
  for (const name of await readdir(root).catch(() => [] as string[])) {
    const dir = path.join(root, name);
    if (!keep.includes(dir)) await rm(dir, { recursive: true, force: true });
  }
}
