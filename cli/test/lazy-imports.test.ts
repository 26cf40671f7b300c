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
  it("loads no AWS SDK, Docker client or process runner before a command runs", async () => {
    const { files, packages } = await staticGraph(path.join(srcDir, "main.ts"));
    expect(files.size).toBeGreaterThan(10);
    const heavy = [...packages].filter((name) =>
      /^(@aws-sdk\/|dockerode|execa|listr2|esbuild|tar-fs)/.test(name),
    );
    expect(heavy).toEqual([]);
  });
});
