import { readdirSync } from "node:fs";
import { join } from "node:path";
import type { ExpectedRuns } from "./required-skips.ts";

/** The folders that hold test files (vitest.config.ts's include patterns). */
const testRoots = ["cli", "service", "test"];

function testFiles(root: string, dir: string): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true }).flatMap((entry) => {
    if (entry.name === "node_modules" || entry.name.startsWith(".")) return [];
    const path = join(dir, entry.name);
    return entry.isDirectory() ? testFiles(root, path) : [path];
  });
}

/**
 * What a full CI run must run, counted from the files on disk (so a new file raises the bar by
 * itself): the docker project its `*.docker.test.ts` files; each emulator profile every
 * `*.e2e.test.ts` file, and LocalStack the managed path's files too (vitest.config.ts).
 */
export function expectedRuns(root: string): ExpectedRuns {
  const files = testRoots.flatMap((dir) => testFiles(root, dir));
  const docker = files.filter((file) => file.endsWith(".docker.test.ts")).length;
  const e2e = files.filter((file) => file.endsWith(".e2e.test.ts"));
  const managed = e2e.filter((file) => file.startsWith("test/e2e/managed/")).length;
  return {
    docker,
    "e2e-ministack": e2e.length - managed,
    "e2e-localstack": e2e.length,
  };
}
