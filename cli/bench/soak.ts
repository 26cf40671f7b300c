// `npm run soak`: the kill-anywhere trials at length (default 50), against the test environment's
// emulator and Docker engine. Prints one JSON summary; exits 1 when any trial failed to converge
// or the final `down` left something behind. Bounded: trials × (one killed up + one converging up).
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { loadTestEnvFile } from "../../test/support/test-env.ts";
import { awsLeftovers, Docker, killTrials, leftovers, stackctl } from "../test/support/kill-trials.ts";

loadTestEnvFile();
const trials = Number(process.env.STACKCTL_SOAK_TRIALS ?? 50);
const seed = Number(process.env.STACKCTL_KILL_SEED ?? Date.now() % 100_000);
const modes = (process.env.STACKCTL_SOAK_MODES ?? "container,lambda").split(",");
const endpoint = process.env.STACKCTL_ENDPOINT ?? "http://127.0.0.1:4566";
const cwd = await mkdtemp(path.join(os.tmpdir(), "stackctl-soak-"));
const stack = `soak-${seed}`;
const env: Record<string, string> = {
  ...(process.env as Record<string, string>),
  STACKCTL_ENDPOINT: endpoint,
};
const started = performance.now();
const results = await killTrials({
  stack,
  cwd,
  env,
  modes,
  trials,
  maxDelayMs: 12_000,
  seed,
  onTrial: (result) =>
    process.stderr.write(
      `trial ${result.trial} ${result.mode} kill@${result.killedAfterMs}ms → ${result.convergeExit}\n`,
    ),
});
const down = await stackctl(["down", "--purge", "--stack", stack], { cwd, env });
const left = await leftovers(new Docker(), stack);
const leftAtEmulator = await awsLeftovers(endpoint, stack);
await rm(cwd, { recursive: true, force: true });
const failed = results.filter((result) => result.convergeExit !== 0);
const summary = {
  trials,
  seed,
  modes,
  killedMidRun: results.filter((result) => !result.finishedBeforeKill).length,
  converged: results.length - failed.length,
  failed,
  downExit: down.exitCode,
  leftovers: { ...left, ...leftAtEmulator },
  seconds: Math.round((performance.now() - started) / 1000),
};
console.log(JSON.stringify(summary, null, 2));
const clean =
  left.containers + left.images + left.networks === 0 &&
  leftAtEmulator.functions.length + leftAtEmulator.restApis.length === 0 &&
  !leftAtEmulator.role;
process.exitCode = failed.length === 0 && down.exitCode === 0 && clean ? 0 : 1;
