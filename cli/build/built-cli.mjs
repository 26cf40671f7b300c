// The built CLI (docs/architecture.md, "The bin"): cli/src bundled by esbuild into cli/dist, content-
// addressed, with cli/dist/current.json naming the entry file and every source it was built from.
// `freshEntry()` answers the bin's one question — may the built code run? — and rebuilds when a
// source changed, so a checkout whose cli/src changed never runs stale code.
import { createHash } from "node:crypto";
import { readFileSync, statSync } from "node:fs";
import { mkdir, readdir, rename, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";

const cliDir = fileURLToPath(new URL("../", import.meta.url));
const distDir = path.join(cliDir, "dist");
const pointerFile = path.join(distDir, "current.json");

const sha256 = (data) => createHash("sha256").update(data).digest("hex");

/** True when every recorded input still has its content (cheap: size and mtime first). */
function inputsUnchanged(inputs) {
  for (const input of inputs) {
    let info;
    try {
      info = statSync(path.join(cliDir, input.path));
    } catch {
      return false;
    }
    if (info.size !== input.size) return false;
    if (info.mtimeMs === input.mtimeMs) continue;
    if (sha256(readFileSync(path.join(cliDir, input.path))) !== input.sha256) return false;
  }
  return true;
}

function readPointer() {
  try {
    return JSON.parse(readFileSync(pointerFile, "utf8"));
  } catch {
    return undefined;
  }
}

/** The built entry's file URL when it matches the sources, else undefined (no build attempted). */
export function currentEntry() {
  const pointer = readPointer();
  if (pointer === undefined || !Array.isArray(pointer.inputs)) return undefined;
  if (!inputsUnchanged(pointer.inputs)) return undefined;
  return new URL(pointer.entry, `file://${distDir}/`).href;
}

async function writeOnce(file, contents) {
  try {
    await stat(file);
    return; // content-addressed: an existing file already holds these bytes
  } catch {}
  const temp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  await writeFile(temp, contents);
  await rename(temp, file);
}

/**
 * Bundles cli/src/bin.ts (and the service's env contract it imports) into cli/dist: npm packages stay
 * external, dynamic imports become chunks so heavy modules still load lazily. Each output file is
 * written once under its content hash, then current.json is replaced atomically, so concurrent
 * builds and runs never see a half-written bundle. Returns the entry's file URL.
 */
export async function buildCli() {
  const { build } = await import("esbuild");
  const result = await build({
    absWorkingDir: cliDir,
    entryPoints: { stackctl: "src/bin.ts" },
    bundle: true,
    splitting: true,
    format: "esm",
    platform: "node",
    target: "node22",
    outdir: distDir,
    entryNames: "[name]-[hash]",
    chunkNames: "chunk-[hash]",
    write: false,
    metafile: true,
    logLevel: "silent",
    plugins: [
      {
        // npm packages resolve at run time from node_modules; the workspace's service package is TypeScript, so it is bundled.
        name: "external-packages",
        setup(builder) {
          builder.onResolve({ filter: /^[^./]/ }, (args) =>
            args.path.startsWith("@stackctl/") ? undefined : { path: args.path, external: true },
          );
        },
      },
    ],
  });
  await mkdir(distDir, { recursive: true });
  await Promise.all(result.outputFiles.map((file) => writeOnce(file.path, file.contents)));
  const entry = Object.entries(result.metafile.outputs).find(
    ([, output]) => output.entryPoint === "src/bin.ts",
  );
  if (entry === undefined) throw new Error("esbuild produced no entry for src/bin.ts");
  const inputs = Object.keys(result.metafile.inputs).map((input) => {
    const file = path.join(cliDir, input);
    const info = statSync(file);
    return { path: input, size: info.size, mtimeMs: info.mtimeMs, sha256: sha256(readFileSync(file)) };
  });
  const pointer = { entry: path.basename(entry[0]), builtAt: new Date().toISOString(), inputs };
  // A temp file of this process's own, written whole, then renamed over the pointer (atomic).
  const temp = `${pointerFile}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  await writeFile(temp, JSON.stringify(pointer, null, 1));
  await rename(temp, pointerFile);
  await pruneOld(new Set(result.outputFiles.map((file) => path.basename(file.path))));
  return new URL(pointer.entry, `file://${distDir}/`).href;
}

/** Removes bundles of earlier builds, once they are old enough that no running process still loads them. */
async function pruneOld(keep) {
  const cutoff = Date.now() - 10 * 60_000;
  for (const name of await readdir(distDir)) {
    if (keep.has(name) || !/^(stackctl|chunk)-[A-Z0-9]+\.js$/.test(name)) continue;
    const file = path.join(distDir, name);
    const info = await stat(file).catch(() => undefined);
    if (info !== undefined && info.mtimeMs < cutoff) await rm(file, { force: true });
  }
}

/** The entry to run: the current build, else a fresh one; undefined when building is not possible here. */
export async function freshEntry() {
  const current = currentEntry();
  if (current !== undefined) return current;
  try {
    return await buildCli();
  } catch {
    return undefined;
  }
}

if (process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const started = performance.now();
  const entry = await buildCli();
  console.log(
    `[build-cli] ${path.relative(process.cwd(), fileURLToPath(entry))} in ${Math.round(performance.now() - started)} ms`,
  );
}
