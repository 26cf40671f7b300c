import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

/** Root of the repository, for tests that need to find fixtures or scripts. */
export const repoRoot = fileURLToPath(new URL("../../", import.meta.url));

/** The `KEY=value` lines of a sourceable env file such as `.test-env`; {} when it does not exist. */
export function parseTestEnvFile(path: string): Record<string, string> {
  const values: Record<string, string> = {};
  if (!existsSync(path)) return values;
  for (const raw of readFileSync(path, "utf8").split("\n")) {
    const line = raw.trim().replace(/^export\s+/, "");
    if (!line || line.startsWith("#")) continue;
    const eq = line.indexOf("=");
    if (eq <= 0) continue;
    values[line.slice(0, eq)] = line.slice(eq + 1).replace(/^(['"])(.*)\1$/, "$2");
  }
  return values;
}

/**
 * The file a test process reads: `.test-env.<profile>` when it runs under an emulator profile
 * (the e2e projects in vitest.config.ts set STACKCTL_TEST_PROFILE), else `.test-env`.
 */
export function testEnvFileFor(profile = process.env.STACKCTL_TEST_PROFILE): string {
  return profile ? `${repoRoot}.test-env.${profile}` : `${repoRoot}.test-env`;
}

/**
 * Loads `.test-env` (written by `npm run test-env:up`) into process.env without overriding
 * what the caller already set, so a developer can run `npm test` after `test-env:up`.
 */
export function loadTestEnvFile(path = testEnvFileFor()): void {
  for (const [key, value] of Object.entries(parseTestEnvFile(path))) {
    if (process.env[key] === undefined) process.env[key] = value;
  }
}
