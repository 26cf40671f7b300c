// The esbuild options of the service bundle, one definition for both builders: the child-process
// build of `up` (build.mjs) and the in-process incremental build of `stackctl dev`
// (cli/src/adapters/esbuild-bundler.ts), so both make the same bytes from the same sources.

/** The files the bundle consists of besides esbuild's output: the ESM workspace's dist/ is CommonJS. */
export const bundlePackageJson = `${JSON.stringify({ type: "commonjs" })}\n`;

/** The folder is emptied on every build, so it carries the marker the CLI's own folders carry too. */
export const bundleMarker = ".stackctl-owned";
export const bundleMarkerText = "made by service/scripts/build.mjs; emptied on every build\n";

/**
 * @param {string} serviceDir the service workspace (absolute)
 * @param {string} outdir where the bundle goes (absolute)
 * @param {boolean} sourcesContent whether the source maps embed the sources
 */
export function serviceBundleOptions(serviceDir, outdir, sourcesContent) {
  return {
    entryPoints: { server: "src/entry/server.ts", lambda: "src/entry/lambda.ts" },
    absWorkingDir: serviceDir,
    outdir,
    bundle: true,
    platform: "node",
    target: "node22",
    format: "cjs",
    sourcemap: "linked",
    // Stack traces keep file:line; the sources themselves stay out of the images unless asked for.
    sourcesContent,
    minify: true,
    legalComments: "none",
    logLevel: "warning",
  };
}
