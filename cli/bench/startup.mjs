// npm run bench:startup — how long `stackctl --help` takes from the built CLI (cli/dist) and from the
// TypeScript sources through tsx (STACKCTL_FROM_SOURCE=1), each run as its own process. Bounded:
// BENCH_RUNS runs each (default 7). Prints one JSON document (docs/PERFORMANCE.md).
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const bin = fileURLToPath(new URL("../bin/stackctl.js", import.meta.url));
const runs = Math.min(50, Math.max(1, Number(process.env.BENCH_RUNS ?? 7) || 7));

function timeRuns(env) {
  const ms = [];
  for (let i = 0; i < runs; i += 1) {
    const started = process.hrtime.bigint();
    const run = spawnSync(process.execPath, [bin, "--help"], {
      env: { ...process.env, ...env },
      stdio: "ignore",
    });
    if (run.status !== 0) throw new Error(`stackctl --help exited ${run.status}`);
    ms.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  ms.sort((a, b) => a - b);
  const round = (n) => Math.round(n);
  return { min: round(ms[0]), median: round(ms[Math.floor(ms.length / 2)]), max: round(ms.at(-1)) };
}

// One run first, so the built CLI is current (it rebuilds when a source changed).
spawnSync(process.execPath, [bin, "--help"], { stdio: "ignore" });
const built = timeRuns({ STACKCTL_FROM_SOURCE: "" });
const source = timeRuns({ STACKCTL_FROM_SOURCE: "1" });
console.log(
  JSON.stringify(
    {
      bench: "cli-startup",
      command: "stackctl --help",
      runs,
      node: process.version,
      builtMs: built,
      sourceMs: source,
      goalMs: 100,
      met: built.median <= 100,
    },
    null,
    2,
  ),
);
