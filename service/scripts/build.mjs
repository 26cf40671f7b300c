// Bundles each entry point into one CommonJS file under dist/, which both Dockerfiles copy as is:
// no npm install in the image, so the stand-in base images (no npm, no network) build it too.
import { mkdir, rm, writeFile } from "node:fs/promises";
import { resolve } from "node:path";
import { build } from "esbuild";

// An optional output folder (stackctl builds into its per-stack state folder, so parallel runs never share one).
const outdir =
  process.argv[2] === undefined
    ? new URL("../dist/", import.meta.url).pathname
    : `${resolve(process.argv[2])}/`;
await rm(outdir, { recursive: true, force: true });
await mkdir(outdir, { recursive: true });
await build({
  entryPoints: { server: "src/entry/server.ts", lambda: "src/entry/lambda.ts" },
  absWorkingDir: new URL("..", import.meta.url).pathname,
  outdir,
  bundle: true,
  platform: "node",
  target: "node20",
  format: "cjs",
  sourcemap: "linked",
  minify: true,
  legalComments: "none",
  logLevel: "warning",
});
// The workspace is ESM; dist/ is CommonJS wherever it is copied.
await writeFile(`${outdir}package.json`, `${JSON.stringify({ type: "commonjs" })}\n`);
console.log(`built ${outdir}server.js and ${outdir}lambda.js`);
