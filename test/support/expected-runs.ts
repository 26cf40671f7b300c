import { readdirSync } from "node:fs";
import { join, sep } from "node:path";
import { runsUnder } from "./e2e-once.ts";
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

/** The emulator profiles a full CI run proves, each an `e2e-<profile>` project (vitest.config.ts). */
export const ciProfiles = ["ministack", "localstack"] as const;

/**
 * What a full CI run must run, counted from the files on disk (so a new file raises the bar by
 * itself): the docker project its `*.docker.test.ts` files; each emulator profile every
 * `*.e2e.test.ts` file except those that run under another profile only (./e2e-once.ts), and
 * LocalStack the managed path's files too (vitest.config.ts).
 */
export function expectedRuns(root: string): ExpectedRuns {
  const files = testRoots.flatMap((dir) => testFiles(root, dir)).map((file) => file.split(sep).join("/"));
  const docker = files.filter((file) => file.endsWith(".docker.test.ts")).length;
  const e2e = files.filter((file) => file.endsWith(".e2e.test.ts"));
  const under = (profile: string) =>
    e2e.filter(
      (file) =>
        (profile === "localstack" || !file.startsWith("test/e2e/managed/")) &&
        runsUnder(file, profile, ciProfiles),
    ).length;
  return {
    docker,
    "e2e-ministack": under("ministack"),
    "e2e-localstack": under("localstack"),
  };
}
