import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { execa } from "execa";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const script = fileURLToPath(new URL("../scripts/build.mjs", import.meta.url));
const serviceDir = fileURLToPath(new URL("..", import.meta.url));
const build = (outdir: string) => execa("node", [script, outdir], { cwd: serviceDir, reject: false });

describe("service/scripts/build.mjs empties only an output folder it made", () => {
  let root = "";
  beforeAll(async () => {
    root = await mkdtemp(path.join(os.tmpdir(), "stackctl-build-"));
  });
  afterAll(() => rm(root, { recursive: true, force: true }));

  it("refuses a folder holding someone else's files and leaves them", async () => {
    const outdir = path.join(root, "foreign", "dist");
    await mkdir(outdir, { recursive: true });
    await writeFile(path.join(outdir, "important.txt"), "keep me\n");
    const result = await build(outdir);
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toContain("this build did not make it");
    expect(await readFile(path.join(outdir, "important.txt"), "utf8")).toBe("keep me\n");
  });

  it("builds into a new folder, marks it, and rebuilds it (an older build's files only count as its own)", async () => {
    const outdir = path.join(root, "ours", "dist");
    expect((await build(outdir)).exitCode).toBe(0);
    expect((await readdir(outdir)).sort()).toEqual(
      [".stackctl-owned", "lambda.js", "lambda.js.map", "package.json", "server.js", "server.js.map"].sort(),
    );
    // The maps name files and lines for stack traces but carry none of the sources (issue 18 item 8).
    const map = JSON.parse(await readFile(path.join(outdir, "server.js.map"), "utf8")) as {
      sources: string[];
      sourcesContent?: unknown;
    };
    expect(map.sources.some((source) => source.includes("src/http/app.ts"))).toBe(true);
    expect(map.sourcesContent).toBeUndefined();
    await rm(path.join(outdir, ".stackctl-owned"));
    expect((await build(outdir)).exitCode).toBe(0);
  }, 60_000);
});
