import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

/** Root of the repository, for tests that need to find fixtures or scripts. */
export const repoRoot = fileURLToPath(new URL("../../", import.meta.url));

/**
 * Loads `.test-env` (written by `npm run test-env:up`) into process.env without overriding
 * what the caller already set, so a developer can run `npm test` after `test-env:up`.
 */
export function loadTestEnvFile(path = `${repoRoot}.test-env`): void {
  if (!existsSync(path)) return;
  for (const raw of readFileSync(path, "utf8").split("\n")) {
    const line = raw.trim().replace(/^export\s+/, "");
    if (!line || line.startsWith("#")) continue;
    const eq = line.indexOf("=");
    if (eq <= 0) continue;
    const key = line.slice(0, eq);
    const value = line.slice(eq + 1).replace(/^(['"])(.*)\1$/, "$2");
    if (process.env[key] === undefined) process.env[key] = value;
  }
}
