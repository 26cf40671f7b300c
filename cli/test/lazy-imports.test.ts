import { readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const srcDir = fileURLToPath(new URL("../src/", import.meta.url));
// Static value imports only: `import type` is erased and `await import()` is lazy by design.
const staticImport = /^import\s+(?!type\s)[^;]*?from\s+"([^"]+)";/gms;

async function staticGraph(entry: string): Promise<{ files: Set<string>; packages: Set<string> }> {
  const files = new Set<string>();
  const packages = new Set<string>();
  const visit = async (file: string): Promise<void> => {
    if (files.has(file)) return;
    files.add(file);
    const text = await readFile(file, "utf8");
    for (const match of text.matchAll(staticImport)) {
      const specifier = match[1] ?? "";
      if (specifier.startsWith(".")) await visit(path.resolve(path.dirname(file), specifier));
      else packages.add(specifier);
    }
  };
  await visit(entry);
  return { files, packages };
}

describe("stackctl --help stays fast", () => {
  it("loads no AWS SDK, Docker client, process runner or zod before a command runs", async () => {
    const { files, packages } = await staticGraph(path.join(srcDir, "main.ts"));
    // The walker must have followed main.ts into the command definitions.
    expect([...files].some((file) => file.endsWith("commands/up.ts"))).toBe(true);
    const heavy = [...packages].filter((name) =>
      /^(@aws-sdk\/|dockerode|execa|listr2|esbuild|tar-fs|zod|write-file-atomic)/.test(name),
    );
    expect(heavy).toEqual([]);
  });
});
