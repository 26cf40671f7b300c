import path from "node:path";
import { repoPaths } from "../../paths.ts";
import { serviceDockerfiles } from "../image/bundle.ts";

/** What `stackctl dev` watches: the service's sources, and what takes the full path when it changes. */
export function watchedPaths(): { sources: string; fullPath: string[] } {
  return {
    sources: repoPaths.serviceSources,
    fullPath: [
      repoPaths.servicePackage,
      repoPaths.lockFile,
      repoPaths.serviceBundleOptions,
      ...serviceDockerfiles.map((name) => path.join(repoPaths.serviceDir, name)),
    ],
  };
}

const sourceLike = /\.(ts|mts|cts|js|mjs|cjs|json)$/;

/**
 * `full`: a change the in-process bundle cannot ship (dependencies, the bundle's options, a
 * Dockerfile), so `up`'s deploy with a new image; `fast` otherwise. Editor droppings (swap and
 * backup files, dot files) are no change at all.
 */
export function classifyChanges(
  paths: readonly string[],
): { path: "fast" | "full"; changed: string[] } | undefined {
  const { sources, fullPath } = watchedPaths();
  const relevant = [...new Set(paths)].filter((file) => {
    const name = path.basename(file);
    if (name.startsWith(".") || name.endsWith("~") || /\.(swp|swx|tmp)$/.test(name)) return false;
    return fullPath.includes(file) || file.startsWith(sources);
  });
  if (relevant.length === 0) return undefined;
  const full = relevant.some((file) => fullPath.includes(file));
  // Editors and sed save through a temporary file renamed over the real one: name the real one.
  const named = relevant.filter((file) => fullPath.includes(file) || sourceLike.test(file));
  return {
    path: full ? "full" : "fast",
    changed: (named.length > 0 ? named : relevant).map((file) => path.relative(repoPaths.root, file)).sort(),
  };
}
