import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { describe, expect, it } from "vitest";

/**
 * The house rules of cli/src (docs/architecture.md "The ports"), read from the sources: the engine
 * reaches the world only through its ports, adapters know the engine only by its ports, and no
 * module imports itself round a circle.
 */
const srcDir = fileURLToPath(new URL("../src/", import.meta.url));

interface SourceFacts {
  /** Every module specifier: static, re-export, type-only and `import()`. */
  imports: string[];
  /** The static ones (type-only included): the edges an import cycle is made of. */
  staticImports: string[];
  /** Calls of the global `fetch` (not `x.fetch`, not inside strings). */
  fetchCalls: number[];
  /** Reads of `process.arch` / `process.execPath`: the platform, which is a port. */
  platformReads: number[];
}

function factsOf(file: string): SourceFacts {
  const source = ts.createSourceFile(file, readFileSync(file, "utf8"), ts.ScriptTarget.Latest, true);
  const facts: SourceFacts = { imports: [], staticImports: [], fetchCalls: [], platformReads: [] };
  const line = (node: ts.Node) => source.getLineAndCharacterOfPosition(node.getStart()).line + 1;
  const visit = (node: ts.Node): void => {
    if (
      (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) &&
      node.moduleSpecifier !== undefined &&
      ts.isStringLiteral(node.moduleSpecifier)
    ) {
      facts.imports.push(node.moduleSpecifier.text);
      facts.staticImports.push(node.moduleSpecifier.text);
    }
    if (ts.isCallExpression(node)) {
      const [first] = node.arguments;
      if (
        node.expression.kind === ts.SyntaxKind.ImportKeyword &&
        first !== undefined &&
        ts.isStringLiteral(first)
      )
        facts.imports.push(first.text);
      if (ts.isIdentifier(node.expression) && node.expression.text === "fetch")
        facts.fetchCalls.push(line(node));
      if (
        ts.isPropertyAccessExpression(node.expression) &&
        ts.isIdentifier(node.expression.expression) &&
        node.expression.expression.text === "globalThis" &&
        node.expression.name.text === "fetch"
      )
        facts.fetchCalls.push(line(node));
    }
    if (
      ts.isPropertyAccessExpression(node) &&
      ts.isIdentifier(node.expression) &&
      node.expression.text === "process" &&
      (node.name.text === "arch" || node.name.text === "execPath")
    )
      facts.platformReads.push(line(node));
    ts.forEachChild(node, visit);
  };
  visit(source);
  return facts;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.name.endsWith(".ts") ? [full] : [];
  });
}

const rel = (file: string) => path.relative(srcDir, file).split(path.sep).join("/");

/** Every file under cli/src by its path there, with what it imports (relative ones resolved). */
type Source = SourceFacts & { local: string[]; staticLocal: string[] };

export function readSources(root: string = srcDir): Map<string, Source> {
  const sources = new Map<string, Source>();
  for (const file of sourceFiles(root)) {
    const facts = factsOf(file);
    const resolve = (specifiers: string[]) =>
      specifiers
        .filter((specifier) => specifier.startsWith("."))
        .map((specifier) => rel(path.resolve(path.dirname(file), specifier)));
    sources.set(rel(file), {
      ...facts,
      local: resolve(facts.imports),
      staticLocal: resolve(facts.staticImports),
    });
  }
  return sources;
}

const forbiddenInEngine = /^(@aws-sdk\/|dockerode$|execa$|(node:)?net$)/;
const isEngine = (file: string) => file.startsWith("engine/");
const isAdapter = (file: string) => file.startsWith("adapters/");
/** What an adapter may import of the rest of cli/src: the ports and the shared types. */
const adapterMayImport = (target: string) =>
  isAdapter(target) ||
  target === "engine/ports.ts" ||
  target.startsWith("engine/ports/") ||
  target.startsWith("shared/");

export function engineViolations(sources: ReturnType<typeof readSources>): string[] {
  const found: string[] = [];
  for (const [file, facts] of sources) {
    if (!isEngine(file)) continue;
    for (const specifier of facts.imports)
      if (forbiddenInEngine.test(specifier)) found.push(`${file} imports ${specifier}`);
    for (const target of facts.local) if (isAdapter(target)) found.push(`${file} imports ${target}`);
    for (const at of facts.fetchCalls) found.push(`${file}:${at} calls the global fetch`);
    for (const at of facts.platformReads) found.push(`${file}:${at} reads the platform from process`);
  }
  return found;
}

export function adapterViolations(sources: ReturnType<typeof readSources>): string[] {
  const found: string[] = [];
  for (const [file, facts] of sources) {
    if (!isAdapter(file)) continue;
    for (const target of facts.local) if (!adapterMayImport(target)) found.push(`${file} imports ${target}`);
  }
  return found;
}

/**
 * Import cycles over static imports (type-only ones too: a type still ties two modules together;
 * `import()` is lazy loading by design), each as the files round it: a depth-first walk that reports
 * every back edge.
 */
export function importCycles(sources: ReturnType<typeof readSources>): string[][] {
  const cycles: string[][] = [];
  const state = new Map<string, "open" | "done">();
  const stack: string[] = [];
  const walk = (file: string): void => {
    state.set(file, "open");
    stack.push(file);
    for (const target of sources.get(file)?.staticLocal ?? []) {
      if (!sources.has(target)) continue;
      if (state.get(target) === "open") cycles.push([...stack.slice(stack.indexOf(target)), target]);
      else if (state.get(target) === undefined) walk(target);
    }
    stack.pop();
    state.set(file, "done");
  };
  for (const file of [...sources.keys()].sort()) if (state.get(file) === undefined) walk(file);
  return cycles;
}

describe("the import rules of cli/src", () => {
  const sources = readSources();

  it("reads the whole tree, the engine and the adapters included", () => {
    expect(sources.has("engine/up.ts")).toBe(true);
    expect(sources.has("adapters/docker-engine.ts")).toBe(true);
    expect(sources.get("composition/ports.ts")?.local).toContain("adapters/http.ts");
  });

  it("keeps the engine off adapters, SDKs, dockerode, execa, node:net, the global fetch and process.arch", () => {
    expect(engineViolations(sources)).toEqual([]);
  });

  it("lets adapters import only the ports, shared types and each other", () => {
    expect(adapterViolations(sources)).toEqual([]);
  });

  it("has no import cycle", () => {
    expect(importCycles(sources).map((cycle) => cycle.join(" → "))).toEqual([]);
  });

  it("would see each kind of break", () => {
    const broken = new Map(sources);
    const facts = (over: Partial<Source>): Source => ({
      imports: [],
      staticImports: [],
      fetchCalls: [],
      platformReads: [],
      local: over.staticLocal ?? [],
      staticLocal: [],
      ...over,
    });
    broken.set(
      "engine/x.ts",
      facts({ imports: ["execa"], staticLocal: ["adapters/http.ts", "engine/y.ts"], fetchCalls: [3] }),
    );
    broken.set("engine/y.ts", facts({ staticLocal: ["engine/x.ts"] }));
    broken.set("adapters/z.ts", facts({ local: ["engine/classify-error.ts"] }));
    expect(engineViolations(broken)).toEqual([
      "engine/x.ts imports execa",
      "engine/x.ts imports adapters/http.ts",
      "engine/x.ts:3 calls the global fetch",
    ]);
    expect(adapterViolations(broken)).toEqual(["adapters/z.ts imports engine/classify-error.ts"]);
    expect(importCycles(broken).map((cycle) => cycle.join(" → "))).toContain(
      "engine/x.ts → engine/y.ts → engine/x.ts",
    );
  });
});
