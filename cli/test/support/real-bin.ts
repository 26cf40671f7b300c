import { fileURLToPath } from "node:url";
import { execa, type Options } from "execa";

export const binPath = fileURLToPath(new URL("../../bin/stackctl.js", import.meta.url));

/**
 * `node cli/bin/stackctl.js <argv>` as a user runs it: a cwd of the test's, only PATH, HOME and the
 * variables given (nothing of the developer's environment leaks in), never rejecting.
 */
export function realBin(cwd: string, env: Record<string, string | undefined>, options: Options = {}) {
  return (...argv: string[]) =>
    execa("node", [binPath, ...argv], {
      cwd,
      reject: false,
      extendEnv: false,
      stripFinalNewline: false,
      env: { PATH: process.env.PATH, HOME: cwd, ...env },
      ...options,
    });
}

/** The harness's stand-in base images and registry (from .test-env), so a deploy builds offline. */
export function harnessImages(): Record<string, string> {
  const names = ["STACKCTL_BASE_IMAGE", "STACKCTL_LAMBDA_BASE_IMAGE", "STACKCTL_REGISTRY"];
  return Object.fromEntries(
    names.flatMap((name) => {
      const value = process.env[name];
      return value === undefined || value === "" ? [] : [[name, value]];
    }),
  );
}
