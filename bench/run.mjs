// npm run bench — the everyday commands of issue 17 against the emulator the environment names
// (STACKCTL_ENDPOINT, as the e2e tests use it), side by side with the scripted flow they replace
// (bench/baseline/, the AWS CLI from PyPI in the bench's own venv), in one run. Each row runs
// BENCH_RUNS times (default 3, at most 5: the machine is shared). Prints one JSON document and
// rewrites the figures section of docs/PERFORMANCE.md (BENCH_WRITE_DOC=0 leaves it).
// Every stack is named perf-bench-* and removed with down --purge at the end.
import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const bin = `${root}cli/bin/stackctl.js`;
const baseline = `${root}bench/baseline`;
const runs = Math.min(5, Math.max(1, Number(process.env.BENCH_RUNS ?? 3) || 3));
const endpoint = process.env.STACKCTL_ENDPOINT ?? "http://127.0.0.1:4566";

function run(command, args, env = {}) {
  const started = process.hrtime.bigint();
  const done = spawnSync(command, args, {
    cwd: root,
    env: { ...process.env, ...env },
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (done.status !== 0)
    throw new Error(
      `${command} ${args.join(" ")} exited ${done.status}\n${done.stderr}\n${done.stdout.slice(-2000)}`,
    );
  return { ms, stdout: done.stdout };
}

const stackctl = (...args) => run(process.execPath, [bin, ...args]);
const baselineEnv = {
  STACK: "perf-bench-baseline",
  ENDPOINT: endpoint,
  REGISTRY: process.env.STACKCTL_REGISTRY ?? "127.0.0.1:4566",
  LAMBDA_BASE_IMAGE: process.env.STACKCTL_LAMBDA_BASE_IMAGE ?? "public.ecr.aws/lambda/nodejs:22",
};
const script = (name) => run("bash", [`${baseline}/${name}`], baselineEnv);
const baselineFlow = () =>
  ["setup_localstack.sh", "deploy_lambda.sh", "setup_apigateway.sh"].reduce(
    (ms, name) => ms + script(name).ms,
    0,
  );

function stats(samples) {
  const sorted = [...samples].sort((a, b) => a - b);
  const round = (n) => Math.round(n);
  return {
    min: round(sorted[0]),
    median: round(sorted[Math.floor(sorted.length / 2)]),
    max: round(sorted.at(-1)),
    runs: sorted.length,
  };
}

/** `times` samples of `measure` (which returns ms), `prepare` run untimed before each. */
function row(measure, prepare = () => undefined) {
  const samples = [];
  for (let i = 0; i < runs; i += 1) {
    prepare(i);
    samples.push(measure(i));
  }
  return stats(samples);
}

function awsCallsOf(stdout) {
  const result = JSON.parse(stdout.trim().split("\n").at(-1));
  return result.data?.awsCalls?.total;
}

const machine = {
  cpus: os.cpus().length,
  cpu: os.cpus()[0]?.model ?? "?",
  memoryGiB: Math.round(os.totalmem() / 2 ** 30),
  node: process.version,
  loadAverage1m: Number(os.loadavg()[0].toFixed(2)),
};
const started = new Date();
const rows = {};
const calls = {};
const stacks = ["perf-bench-c", "perf-bench-l", "perf-bench-cold-c", "perf-bench-cold-l"];
try {
  // The AWS CLI is installed (once) before anything is timed.
  run("bash", [`${baseline}/awscli.sh`]);
  rows["--help"] = row(() => stackctl("--help").ms);
  stackctl("up", "--mode", "container", "--stack", "perf-bench-c", "--json");
  stackctl("up", "--mode", "lambda", "--stack", "perf-bench-l", "--json");
  rows.status = row(() => stackctl("status", "--stack", "perf-bench-c", "--json").ms);
  rows["no-op up --mode container"] = row(() => {
    const done = stackctl("up", "--mode", "container", "--stack", "perf-bench-c", "--json");
    calls["no-op up --mode container"] = awsCallsOf(done.stdout);
    return done.ms;
  });
  rows["no-op up --mode lambda"] = row(() => {
    const done = stackctl("up", "--mode", "lambda", "--stack", "perf-bench-l", "--json");
    calls["no-op up --mode lambda"] = awsCallsOf(done.stdout);
    return done.ms;
  });
  const toLambda = [];
  const toContainer = [];
  for (let i = 0; i < runs; i += 1) {
    toLambda.push(stackctl("switch", "lambda", "--stack", "perf-bench-c", "--json").ms);
    toContainer.push(stackctl("switch", "container", "--stack", "perf-bench-c", "--json").ms);
  }
  rows["switch container → lambda"] = stats(toLambda);
  rows["switch lambda → container"] = stats(toContainer);
  rows["cold up --mode container"] = row(
    () => stackctl("up", "--mode", "container", "--stack", "perf-bench-cold-c", "--json").ms,
    () => stackctl("down", "--purge", "--stack", "perf-bench-cold-c", "--json"),
  );
  rows["cold up --mode lambda"] = row(
    () => stackctl("up", "--mode", "lambda", "--stack", "perf-bench-cold-l", "--json").ms,
    () => stackctl("down", "--purge", "--stack", "perf-bench-cold-l", "--json"),
  );
  rows["baseline cold (scripts from nothing)"] = row(baselineFlow, () => script("teardown.sh"));
  rows["baseline re-run (scripts again)"] = row(baselineFlow);
} finally {
  for (const stack of stacks) {
    try {
      stackctl("down", "--purge", "--stack", stack, "--json");
    } catch (error) {
      console.error(`down --purge ${stack} failed: ${error.message.split("\n")[0]}`);
    }
  }
  try {
    script("teardown.sh");
  } catch (error) {
    console.error(`baseline teardown failed: ${error.message.split("\n")[0]}`);
  }
}

const ratio = (slow, fast) => Number((rows[slow].median / rows[fast].median).toFixed(1));
const ratios = {
  "baseline re-run / no-op up --mode lambda": ratio(
    "baseline re-run (scripts again)",
    "no-op up --mode lambda",
  ),
  "baseline cold / cold up --mode lambda": ratio(
    "baseline cold (scripts from nothing)",
    "cold up --mode lambda",
  ),
};
const goals = {
  "--help": 100,
  status: 250,
  "no-op up --mode container": 300,
  "no-op up --mode lambda": 300,
  "cold up --mode container": 2500,
  "cold up --mode lambda": 3000,
  "switch container → lambda": 3000,
  "switch lambda → container": 3000,
};
const report = {
  bench: "everyday-commands",
  command: `BENCH_RUNS=${runs} npm run bench`,
  date: started.toISOString(),
  endpoint,
  emulator: process.env.STACKCTL_EMULATOR ?? "?",
  machine,
  runs,
  ms: rows,
  goalsMs: goals,
  awsCalls: calls,
  ratios,
  ratioGoals: {
    "baseline re-run / no-op up --mode lambda": 10,
    "baseline cold / cold up --mode lambda": 2,
  },
};
console.log(JSON.stringify(report, null, 2));

if (process.env.BENCH_WRITE_DOC !== "0") {
  const doc = `${root}docs/PERFORMANCE.md`;
  const begin = "<!-- bench:figures -->";
  const end = "<!-- /bench:figures -->";
  const lines = [
    begin,
    `Command: \`${report.command}\` (stackctl through \`node cli/bin/stackctl.js\`, the built CLI), on ${report.emulator} at ${endpoint},`,
    `${started.toISOString().slice(0, 16).replace("T", " ")} UTC; machine: ${machine.cpus} cores (${machine.cpu}), ${machine.memoryGiB} GiB, Node ${machine.node},`,
    `1-minute load average ${machine.loadAverage1m} at the start (the machine is shared with other agents: figures are high and noisy).`,
    "",
    "| command | min | median | max | goal |",
    "| --- | --- | --- | --- | --- |",
    ...Object.entries(rows).map(
      ([name, s]) =>
        `| \`${name}\` | ${s.min} ms | ${s.median} ms | ${s.max} ms | ${goals[name] === undefined ? "" : `≤ ${goals[name]} ms`} |`,
    ),
    "",
    ...Object.entries(ratios).map(
      ([name, value]) => `- ${name}: ${value}× (goal ≥ ${report.ratioGoals[name]}×)`,
    ),
    ...Object.entries(calls).map(([name, value]) => `- AWS calls of a \`${name}\`: ${value}`),
    end,
  ];
  const text = readFileSync(doc, "utf8");
  const at = text.indexOf(begin);
  const next =
    at === -1
      ? `${text.trimEnd()}\n\n${lines.join("\n")}\n`
      : `${text.slice(0, at)}${lines.join("\n")}${text.slice(text.indexOf(end) + end.length)}`;
  writeFileSync(doc, next);
}
