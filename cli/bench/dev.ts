// `npm run bench:dev`: how long a save in service/src takes to be served through the stable API URL
// under `stackctl dev`, per mode, against the test environment's emulator and Docker engine. Each mode:
// a copy of the repository, a dev stack, `stackctl dev --json`, then STACKCTL_BENCH_DEV_EDITS edits
// (default 20) of the health route, each timed from the write to `GET /` answering with it, while a
// request loop calls the API; then Ctrl-C and `down --purge`. Prints one JSON object. Bounded: every
// wait has a deadline; exits 1 when an edit was not served or a request failed.
import { randomBytes } from "node:crypto";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { loadTestEnvFile } from "../../test/support/test-env.ts";
import { devSession } from "../test/support/dev-session.ts";
import { repoCopy } from "../test/support/repo-copy.ts";
import { requestLoop, seededItem } from "../test/support/request-loop.ts";

loadTestEnvFile();
const edits = Number(process.env.STACKCTL_BENCH_DEV_EDITS ?? 20);
const modes = (process.env.STACKCTL_BENCH_DEV_MODES ?? "container,lambda").split(",");
const env: Record<string, string> = {
  ...(process.env as Record<string, string>),
  STACKCTL_ENDPOINT: process.env.STACKCTL_ENDPOINT ?? "http://127.0.0.1:4566",
};
const healthRoute = 'res.json({ status: "ok", mode: deps.mode, version: deps.version });';
const servedWithinMs = 60_000;

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;

async function servedAfter(url: string, n: number, started: number): Promise<number> {
  const deadline = started + servedWithinMs;
  while (performance.now() < deadline) {
    try {
      const body = (await (await fetch(url, { signal: AbortSignal.timeout(5_000) })).json()) as {
        devEdit?: number;
      };
      if (body.devEdit === n) return Math.round(performance.now() - started);
    } catch {
      // Not answering yet is what is being timed.
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`edit ${n} not served within ${servedWithinMs} ms`);
}

async function benchMode(mode: string) {
  const copy = await repoCopy();
  const cwd = await mkdtemp(path.join(os.tmpdir(), "stackctl-bench-dev-"));
  const stack = `dev-bench-${mode.slice(0, 4)}-${randomBytes(3).toString("hex")}`;
  const run = (argv: string[]) => copy.stackctl([...argv, "--stack", stack], { cwd, env });
  const child = run(["dev", "--mode", mode, "--json"]);
  const session = devSession(child);
  const app = path.join(copy.dir, "service/src/http/app.ts");
  const original = await readFile(app, "utf8");
  try {
    const ready = await session.ready();
    const url = /(http:\/\/\S+\/)/.exec(ready.message ?? "")?.[1] ?? "";
    const loop = requestLoop(`${url}inventory/SKU-1`, 30 * 60_000, seededItem);
    const served: number[] = [];
    const steps: Record<string, number[]> = {};
    for (let n = 1; n <= edits; n += 1) {
      const edited = `res.json({ status: "ok", mode: deps.mode, version: deps.version, devEdit: ${n} });`;
      const started = performance.now();
      await writeFile(app, original.replace(healthRoute, edited));
      served.push(await servedAfter(url, n, started));
      const reload = await session.reload(servedWithinMs);
      for (const [step, ms] of Object.entries(reload.steps)) steps[step] = [...(steps[step] ?? []), ms];
    }
    await loop.stop();
    const sorted = [...served].sort((a, b) => a - b);
    const median = (values: number[]) =>
      percentile(
        [...values].sort((a, b) => a - b),
        50,
      );
    return {
      mode,
      edits,
      servedMs: { p50: percentile(sorted, 50), p95: percentile(sorted, 95), max: sorted.at(-1) ?? 0 },
      stepMedianMs: Object.fromEntries(Object.entries(steps).map(([step, values]) => [step, median(values)])),
      requests: loop.count(),
      failedRequests: loop.failures.length,
      failures: loop.failures.slice(0, 5),
    };
  } finally {
    child.kill("SIGINT");
    await child;
    await run(["down", "--purge"]);
    await rm(cwd, { recursive: true, force: true });
    await copy.remove();
  }
}

const results = [];
for (const mode of modes) results.push(await benchMode(mode));
const summary = {
  emulator: process.env.STACKCTL_EMULATOR ?? "unknown",
  node: process.version,
  results,
};
process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
process.exitCode = results.some((result) => result.failedRequests > 0) ? 1 : 0;
