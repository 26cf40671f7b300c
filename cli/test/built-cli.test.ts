import { readFile, utimes, writeFile } from "node:fs/promises";
import path from "node:path";
import { execa } from "execa";
import { afterAll, describe, expect, it } from "vitest";
import { repoCopy } from "./support/repo-copy.ts";

// The bin runs the bundle in cli/dist (cli/build/built-cli.mjs) and never stale code: a copy of the
// repository without a build gets one on its first run; an edit to cli/src is what the next run shows.
const copy = await repoCopy();
afterAll(() => copy.remove());

const bin = path.join(copy.dir, "cli/bin/stackctl.js");
const pointer = async () =>
  JSON.parse(await readFile(path.join(copy.dir, "cli/dist/current.json"), "utf8")) as {
    entry: string;
    builtAt: string;
    inputs: { path: string }[];
  };
const help = (env: Record<string, string> = {}) =>
  execa(process.execPath, [bin, "logs", "--help"], { env, reject: false });

describe("the built CLI", () => {
  it("builds on the first run, reruns the same build, and rebuilds when a source changes", async () => {
    const first = await help();
    expect(first.exitCode, first.stderr).toBe(0);
    expect(first.stdout).toContain("show the service's logs");
    const built = await pointer();
    expect(built.entry).toMatch(/^stackctl-[A-Z0-9]+\.js$/);
    expect(built.inputs.map((input) => input.path)).toContain("src/commands/logs.ts");

    // Same sources, even with a new mtime: the same build runs, nothing is rebuilt.
    const source = path.join(copy.dir, "cli/src/commands/logs.ts");
    await utimes(source, new Date(), new Date());
    expect((await help()).exitCode).toBe(0);
    expect(await pointer()).toMatchObject({ entry: built.entry, builtAt: built.builtAt });

    // An edit: the next run shows it, from a new build.
    const text = await readFile(source, "utf8");
    await writeFile(source, text.replace("show the service's logs", "show the service's edited logs"));
    const edited = await help();
    expect(edited.stdout).toContain("show the service's edited logs");
    expect((await pointer()).entry).not.toBe(built.entry);
  }, 60_000);

  it("keeps heavy modules lazy: the entry's static imports reach no AWS SDK, Docker client or zod", async () => {
    expect((await help()).exitCode).toBe(0);
    const dist = path.join(copy.dir, "cli/dist");
    const seen = new Set<string>();
    const packages = new Set<string>();
    const visit = async (file: string): Promise<void> => {
      if (seen.has(file)) return;
      seen.add(file);
      const code = await readFile(path.join(dist, file), "utf8");
      // esbuild's output: static imports are `import … from "x"` / `import "x"`; lazy ones are import("x").
      for (const match of code.matchAll(/^import\s*(?:[^"'();]*?\bfrom\s*)?"([^"]+)";/gm)) {
        const specifier = match[1] ?? "";
        if (specifier.startsWith("./")) await visit(specifier.slice(2));
        else packages.add(specifier);
      }
    };
    await visit((await pointer()).entry);
    expect(seen.size).toBeGreaterThan(1);
    expect(
      [...packages].filter((name) =>
        /^(@aws-sdk\/|dockerode|execa|esbuild|tar-fs|zod|write-file-atomic)/.test(name),
      ),
    ).toEqual([]);
  }, 60_000);

  it("STACKCTL_FROM_SOURCE=1 runs the TypeScript sources through tsx, with the same answers", async () => {
    const fromSource = await help({ STACKCTL_FROM_SOURCE: "1" });
    const fromBuild = await help();
    expect(fromSource.exitCode, fromSource.stderr).toBe(0);
    expect(fromSource.stdout).toBe(fromBuild.stdout);
  }, 60_000);
});
