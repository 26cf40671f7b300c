import { afterAll, describe, expect, it } from "vitest";
import { detectTier } from "../../test/support/tiers.ts";
import { tempDirs } from "./support/capture-io.ts";
import { awsLeftovers, Docker, killTrials, leftovers, stackctl } from "./support/kill-trials.ts";

// `up` killed with SIGKILL at a random moment, again and again: every next `up` converges, and a
// final `down` leaves nothing labelled with the stack. `npm run soak` runs many more trials.
const tier = await detectTier({ docker: true, emulator: true }, import.meta.url);
const trials = Number(process.env.STACKCTL_KILL_TRIALS ?? 10);
const seed = Number(process.env.STACKCTL_KILL_SEED ?? Date.now() % 100_000);

describe.skipIf(tier.skipReason !== undefined)("kill anywhere", () => {
  const dirs = tempDirs("stackctl-kill-");
  afterAll(() => dirs.cleanup());

  it(`up killed ${trials} times (seed ${seed}), alternating container and lambda so each run is a switch, always converges, and down leaves nothing`, async () => {
    const cwd = await dirs.make();
    const stack = `e2e-kill-${seed}`;
    const env: Record<string, string> = {
      ...(process.env as Record<string, string>),
      STACKCTL_ENDPOINT: tier.env.endpoint,
    };
    try {
      const results = await killTrials({
        stack,
        cwd,
        env,
        modes: ["container", "lambda"],
        trials,
        maxDelayMs: 12_000,
        seed,
      });
      const failed = results.filter((result) => result.convergeExit !== 0);
      expect(failed, JSON.stringify(failed, null, 2)).toEqual([]);
      expect(results.filter((result) => !result.finishedBeforeKill).length).toBeGreaterThan(0);
    } finally {
      const down = await stackctl(["down", "--purge", "--stack", stack], { cwd, env });
      expect(down.exitCode, String(down.all)).toBe(0);
      expect(await leftovers(new Docker(), stack)).toEqual({ containers: 0, images: 0, networks: 0 });
      expect(await awsLeftovers(tier.env.endpoint, stack)).toEqual({
        functions: [],
        restApis: [],
        role: false,
      });
    }
  });
});
