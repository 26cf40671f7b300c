// Bundles each entry point into one CommonJS file under dist/, which both Dockerfiles copy as is:
// no npm install in the image, so the stand-in base images (no npm, no network) build it too.
import { lstat, mkdir, readdir, rm, writeFile } from "node:fs/promises";
import { resolve } from "node:path";
import { build } from "esbuild";
import {
  bundleMarker,
  bundleMarkerText,
  bundlePackageJson,
  serviceBundleOptions,
} from "./bundle-options.mjs";

// An optional output folder (stackctl builds into its per-stack state folder, so parallel runs never share one).
const outdir =
  process.argv[2] === undefined
    ? new URL("../dist/", import.meta.url).pathname
    : `${resolve(process.argv[2])}/`;
// The folder is emptied first, so it must be one this script made: it carries the marker the CLI uses
// too (cli/src/engine/state/owned-dir.ts), or holds only what an older build wrote. Anything else stays.
const marker = bundleMarker;
const emitted = /^(server|lambda)\.js(\.map)?$|^package\.json$/;
// lstat of the path without its trailing slash: with it, a symbolic link would be followed.
const info = await lstat(outdir.replace(/\/+$/, "")).catch(() => undefined);
if (info?.isSymbolicLink() === true) {
  console.error(`error: ${outdir} is a symbolic link; not emptying or writing through it`);
  process.exit(1);
}
if (info !== undefined) {
  const entries = info.isDirectory() ? await readdir(outdir) : undefined;
  if (entries === undefined || !(entries.includes(marker) || entries.every((name) => emitted.test(name)))) {
    console.error(`error: ${outdir} exists and this build did not make it (no ${marker}); not deleting it`);
    process.exit(1);
  }
}
await rm(outdir, { recursive: true, force: true });
await mkdir(outdir, { recursive: true });
await writeFile(`${outdir}${marker}`, bundleMarkerText);
await build(
  serviceBundleOptions(
    new URL("..", import.meta.url).pathname,
    outdir,
    process.env.STACKCTL_SOURCES_CONTENT === "1",
  ),
);
// The workspace is ESM; dist/ is CommonJS wherever it is copied.
await writeFile(`${outdir}package.json`, bundlePackageJson);
console.log(`built ${outdir}server.js and ${outdir}lambda.js`);
