import { appendFile, readFile } from "node:fs/promises";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { detectTier } from "../../test/support/tiers.ts";
import { e2eStacks } from "./support/e2e-stacks.ts";
import { okData, parseNdJson } from "./support/nd-json.ts";
import { repoCopy } from "./support/repo-copy.ts";

// Ctrl-C in the middle of a redeploy: exit 130, a consistent ledger, the old deployment still
// serving through the same URL, and the next up converges.
const tier = await detectTier({ docker: true, emulator: true }, import.meta.url);

describe.skipIf(tier.skipReason !== undefined)("Ctrl-C during a container redeploy", () => {
  const stacks = e2eStacks(tier.env.endpoint);
  afterEach(() => stacks.cleanup());

  for (const step of ["image.container", "deploy.container"]) {
    it(`interrupted at ${step}: exit 130, the old version serves, the next up converges`, async () => {
      const { cli, cwd, stack } = await stacks.create("sigint");
      const first = await cli("up", "--mode", "container", "--json");
      expect(first.code, first.stdout).toBe(0);
      const before = okData<{ apiUrl: string; image: { tag: string } }>(first.stdout);
      const copy = await repoCopy();
      try {
        await appendFile(
          path.join(copy.dir, "service/src/entry/server.ts"),
          `\nconsole.error("ctrl-c test ${step}");\n`,
        );
        const child = copy.stackctl(["up", "--mode", "container", "--stack", stack, "--json"], {
          cwd,
          env: { ...(process.env as Record<string, string>), ...stacks.env },
        });
        child.stdout?.on("data", (chunk: Buffer) => {
          if (chunk.toString().includes(`"step":"${step}","status":"start"`)) child.kill("SIGINT");
        });
        const interrupted = await child;
        expect(interrupted.exitCode, String(interrupted.all)).toBe(130);
        expect(parseNdJson(String(interrupted.stdout))).toMatchObject({
          ok: false,
          error: { code: "INTERRUPTED" },
        });
        // The ledger is whole JSON, and the lock is released.
        const ledger = JSON.parse(
          await readFile(path.join(cwd, ".stackctl", stack, "state.json"), "utf8"),
        ) as { version: number };
        expect(ledger.version).toBe(2);
        // The old version still answers through the stable URL.
        const health = (await (await fetch(before.apiUrl)).json()) as { version: string };
        expect(health.version).toBe(before.image.tag.split(":")[1]);

        const converged = await copy.stackctl(["up", "--mode", "container", "--stack", stack, "--json"], {
          cwd,
          env: { ...(process.env as Record<string, string>), ...stacks.env },
        });
        expect(converged.exitCode, String(converged.all)).toBe(0);
        const after = okData<{ apiUrl: string; image: { tag: string } }>(String(converged.stdout));
        expect(after.apiUrl).toBe(before.apiUrl);
        expect(after.image.tag).not.toBe(before.image.tag);
        expect(((await (await fetch(before.apiUrl)).json()) as { version: string }).version).toBe(
          after.image.tag.split(":")[1],
        );
      } finally {
        await copy.remove();
      }
    });
  }
});
