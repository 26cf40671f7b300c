import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { envVars } from "../src/config/env.ts";
import { configLayerSchema } from "../src/config/schema.ts";
import { errorTable } from "../src/errors.ts";

const readme = await readFile(new URL("../../README.md", import.meta.url), "utf8");

describe("README documents the CLI contract", () => {
  it("lists every error code with its exit code and retryable flag", () => {
    for (const [code, spec] of Object.entries(errorTable)) {
      // Biome pads markdown tables, so cells are matched with any spacing.
      const row = new RegExp(
        `\\|\\s*\`${code}\`\\s*\\|\\s*${spec.exit}\\s*\\|\\s*${spec.retryable ? "yes" : "no"}\\s*\\|`,
      );
      expect(readme, `README row for ${code}`).toMatch(row);
    }
  });

  it("names every environment variable stackctl reads", () => {
    for (const name of Object.keys(envVars)) expect(readme, name).toContain(`\`${name}\``);
  });

  it("documents every config key", () => {
    for (const key of Object.keys(configLayerSchema.shape)) expect(readme, key).toContain(`| \`${key}`);
  });

  it("keeps the two set-up commands", () => {
    expect(readme).toContain("npm ci\nnpx stackctl up --mode lambda");
  });
});
