import { fileURLToPath } from "node:url";
import Docker from "dockerode";
import { execa } from "execa";
import { AwsClients } from "../../src/adapters/aws-clients.ts";
import { awsPortsOver } from "../../src/adapters/aws-ports.ts";
import { restApiName } from "../../src/engine/api/rest-api.ts";
import { functionPrefix } from "../../src/engine/modes/lambda/function-spec.ts";
import { roleName } from "../../src/engine/modes/lambda/role.ts";

const bin = fileURLToPath(new URL("../../bin/stackctl.js", import.meta.url));

export interface TrialResult {
  trial: number;
  mode: string;
  killedAfterMs: number;
  /** Whether the killed run had finished on its own before the kill landed. */
  finishedBeforeKill: boolean;
  convergeExit: number;
  convergeOutput: string;
}

export interface StackLeftovers {
  containers: number;
  images: number;
  networks: number;
}

export async function leftovers(docker: Docker, stack: string): Promise<StackLeftovers> {
  const filters = { label: [`dev.stackctl.stack=${stack}`] };
  return {
    containers: (await docker.listContainers({ all: true, filters })).length,
    images: (await docker.listImages({ filters })).length,
    networks: (await docker.listNetworks({ filters })).length,
  };
}

/** The stack's functions, REST APIs and execution role left at the emulator (all should be gone after down). */
export async function awsLeftovers(endpoint: string, stack: string) {
  const clients = new AwsClients({
    endpoint,
    region: "us-east-1",
    credentials: { accessKeyId: "test", secretAccessKey: "test" },
  });
  try {
    const { functions, roles, restApis } = awsPortsOver(clients);
    return {
      functions: (await functions.list(functionPrefix(stack))).map((fn) => fn.name),
      restApis: (await restApis.findByName(restApiName(stack))).map((api) => api.id),
      role: (await roles.get(roleName(stack)).catch(() => undefined)) !== undefined,
    };
  } finally {
    await clients.destroy();
  }
}

/** `stackctl <argv>` through the real bin as a child process (so SIGKILL is a real kill). */
export function stackctl(argv: string[], options: { cwd: string; env: Record<string, string> }) {
  return execa(process.execPath, [bin, ...argv], {
    cwd: options.cwd,
    env: options.env,
    reject: false,
    all: true,
    stripFinalNewline: false,
  });
}

/**
 * Kill anywhere: each trial starts `up --mode <mode>` and SIGKILLs it after a random delay within
 * the duration of the last whole run (seeded, so a failure can be replayed), then runs `up` again,
 * which must converge (exit 0). Modes alternate when several are given, so each trial is a switch.
 * The caller checks what a final `down` leaves.
 */
export async function killTrials(options: {
  stack: string;
  cwd: string;
  env: Record<string, string>;
  modes: string[];
  trials: number;
  maxDelayMs: number;
  seed: number;
  onTrial?: (result: TrialResult) => void;
}): Promise<TrialResult[]> {
  let state = options.seed >>> 0;
  const random = () => {
    // mulberry32: a tiny seeded generator, so the delays of a failed run can be replayed.
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const results: TrialResult[] = [];
  // Before any run has been timed: a first deploy takes several seconds.
  let lastRunMs = options.maxDelayMs;
  for (let trial = 0; trial < options.trials; trial++) {
    const mode = options.modes[trial % options.modes.length] ?? "container";
    // Somewhere inside the run: a fraction of how long the last whole `up` took (bounded).
    const killedAfterMs = Math.round(random() * Math.min(lastRunMs, options.maxDelayMs));
    const run = stackctl(["up", "--mode", mode, "--stack", options.stack, "--json"], options);
    const timer = new Promise<"timer">((resolve) => setTimeout(() => resolve("timer"), killedAfterMs));
    const first = await Promise.race([timer, run.then(() => "exited" as const)]);
    const finishedBeforeKill = first === "exited";
    if (!finishedBeforeKill) run.kill("SIGKILL");
    await run;
    const convergeStarted = performance.now();
    const converge = await stackctl(["up", "--mode", mode, "--stack", options.stack, "--json"], options);
    lastRunMs = Math.max(1_000, performance.now() - convergeStarted);
    const result: TrialResult = {
      trial,
      mode,
      killedAfterMs,
      finishedBeforeKill,
      convergeExit: converge.exitCode ?? -1,
      convergeOutput: converge.exitCode === 0 ? "" : String(converge.all).slice(-2000),
    };
    results.push(result);
    options.onTrial?.(result);
  }
  return results;
}

export { Docker };
