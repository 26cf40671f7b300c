import { fileURLToPath } from "node:url";

/** Files of the repository stackctl works from, resolved in one place (relative to this file). */
const root = (relative: string) => fileURLToPath(new URL(`../../${relative}`, import.meta.url));

export const repoPaths = {
  root: root(""),
  /** docker-compose.yml: the one place the LocalStack image is pinned. */
  composeFile: root("docker-compose.yml"),
  fixturesDir: root("fixtures/"),
  /** The service's package: its Dockerfiles and the esbuild bundle (`dist/`) the images copy. */
  serviceDir: root("service/"),
  serviceBuildScript: root("service/scripts/build.mjs"),
  /** The esbuild options both the build script and `stackctl dev`'s in-process build use. */
  serviceBundleOptions: root("service/scripts/bundle-options.mjs"),
  serviceDist: root("service/dist/"),
  serviceSources: root("service/src/"),
  servicePackage: root("service/package.json"),
  lockFile: root("package-lock.json"),
} as const;
