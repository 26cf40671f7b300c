import { cp, mkdtemp, rm, symlink } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { execa } from "execa";
import { repoPaths } from "../../src/paths.ts";

/**
 * A copy of the repository's sources (node_modules linked, not copied), so a test can change the
 * service's code and run that copy's real `stackctl` bin, as a developer editing service/src would.
 */
export async function repoCopy() {
  const dir = await mkdtemp(path.join(os.tmpdir(), "stackctl-repo-"));
  const skip = new Set(["node_modules", "dist", ".stackctl", ".git", ".test-env"]);
  for (const entry of ["cli", "service", "fixtures", "compose", "docker-compose.yml", "package.json"]) {
    await cp(path.join(repoPaths.root, entry), path.join(dir, entry), {
      recursive: true,
      filter: (source) => !skip.has(path.basename(source)),
    });
  }
  await symlink(path.join(repoPaths.root, "node_modules"), path.join(dir, "node_modules"));
  return {
    dir,
    /** Runs the copy's `stackctl` bin as a child process. */
    stackctl: (argv: string[], options: { cwd: string; env: Record<string, string> }) =>
      execa(process.execPath, [path.join(dir, "cli/bin/stackctl.js"), ...argv], {
        cwd: options.cwd,
        env: options.env,
        reject: false,
        all: true,
        stripFinalNewline: false,
      }),
    remove: () => rm(dir, { recursive: true, force: true }),
  };
}
