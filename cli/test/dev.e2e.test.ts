import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { detectTier } from "../../test/support/tiers.ts";
import { devSession } from "./support/dev-session.ts";
import { e2eStacks } from "./support/e2e-stacks.ts";
import { okData, parseNdJson } from "./support/nd-json.ts";
import { repoCopy } from "./support/repo-copy.ts";
import { requestLoop, seededItem } from "./support/request-loop.ts";

// `stackctl dev` through the real bin of a copy of the repository, whose service/src the test edits
// as a developer would, against the real Docker engine and emulator.
const tier = await detectTier({ docker: true, emulator: true }, import.meta.url);

const healthRoute = 'res.json({ status: "ok", mode: deps.mode, version: deps.version });';
const edited = (n: number) =>
  `res.json({ status: "ok", mode: deps.mode, version: deps.version, devEdit: ${n} });`;
// What an edit must be served within, through the stable URL (a bound, not a target: see bench:dev).
const servedWithinMs = 60_000;

async function health(url: string): Promise<{ version: string; devEdit?: number }> {
  return (await (await fetch(url)).json()) as { version: string; devEdit?: number };
}

interface StatusData {
  mode: string;
  deployment: { healthy: boolean; drift: string[] };
}

describe.skipIf(tier.skipReason !== undefined)("stackctl dev", () => {
  const stacks = e2eStacks(tier.env.endpoint, {}, "dev");
  afterEach(() => stacks.cleanup());

  for (const mode of ["container", "lambda"] as const) {
    it(`${mode} mode: saves are served through the same URL; a syntax error and a crash at start keep the old version; the stack stays locked, then consistent after the signal`, async () => {
      const { cli, cwd, stack } = await stacks.create(mode.slice(0, 4));
      const copy = await repoCopy();
      const app = path.join(copy.dir, "service/src/http/app.ts");
      const original = await readFile(app, "utf8");
      expect(original).toContain(healthRoute);
      const child = copy.stackctl(["dev", "--mode", mode, "--stack", stack, "--json"], {
        cwd,
        env: { ...(process.env as Record<string, string>), ...stacks.env },
      });
      const session = devSession(child);
      try {
        const ready = await session.ready();
        const apiUrl = /(http:\/\/\S+\/)/.exec(ready.message ?? "")?.[1];
        expect(apiUrl, ready.message).toBeDefined();
        const url = apiUrl ?? "";
        const loop = requestLoop(`${url}inventory/SKU-1`, 600_000, seededItem);

        // Several saves, each served through the same URL with a new version.
        const versions = [(await health(url)).version];
        const reloads = mode === "container" ? 4 : 3;
        for (let n = 1; n <= reloads; n += 1) {
          await writeFile(app, original.replace(healthRoute, edited(n)));
          const reload = await session.reload(servedWithinMs);
          expect(reload, JSON.stringify(reload)).toMatchObject({
            outcome: "deployed",
            path: "fast",
            mode,
            changed: ["service/src/http/app.ts"],
          });
          expect(reload.steps).toHaveProperty("bundle");
          const answer = await health(url);
          expect(answer.devEdit).toBe(n);
          expect(answer.version).toBe(reload.version);
          versions.push(answer.version);
        }
        expect(new Set(versions).size).toBe(versions.length);
        const lastGood = versions.at(-1);

        // A syntax error: esbuild's error with file:line:column, the old version keeps answering.
        await writeFile(app, original.replace(healthRoute, 'res.json({ status: "ok" );'));
        const broken = await session.reload(servedWithinMs);
        expect(broken.outcome).toBe("build-failed");
        expect(broken.version).toBe(lastGood);
        expect(broken.details?.join("\n")).toMatch(/service\/src\/http\/app\.ts:\d+:\d+: Expected/);
        expect((await health(url)).version).toBe(lastGood);

        // Code that bundles but crashes at start: the old version keeps answering, the reason is shown.
        const crash = 'if (process.env.DEV_E2E_NEVER !== "set") throw new Error("dev e2e crash at start");\n';
        await writeFile(app, `${crash}${original.replace(healthRoute, edited(99))}`);
        const crashed = await session.reload(servedWithinMs);
        expect(crashed.outcome, JSON.stringify(crashed)).toBe("deploy-failed");
        expect(crashed.version).toBe(lastGood);
        if (mode === "container") expect(JSON.stringify(crashed.details)).toContain("dev e2e crash at start");
        expect((await health(url)).version).toBe(lastGood);
        await writeFile(app, original.replace(healthRoute, edited(100)));
        const healed = await session.reload(servedWithinMs);
        expect(healed.outcome, JSON.stringify(healed)).toBe("deployed");
        expect((await health(url)).devEdit).toBe(100);

        // While dev runs the stack is locked against another up.
        const second = await cli("up", "--mode", mode, "--json");
        expect(second.code, second.stdout).toBe(1);
        expect(parseNdJson(second.stdout)).toMatchObject({ ok: false, error: { code: "STACK_LOCKED" } });

        await loop.stop();
        expect(loop.count()).toBeGreaterThan(20);
        expect(loop.failures).toEqual([]);

        // Ctrl-C (SIGINT, container) or SIGTERM (lambda): the shell's code; the stack stays deployed.
        child.kill(mode === "container" ? "SIGINT" : "SIGTERM");
        const ended = await child;
        expect(ended.exitCode, String(ended.all).slice(-2000)).toBe(mode === "container" ? 130 : 143);
        const status = await cli("status", "--json");
        expect(status.code, status.stdout).toBe(0);
        const data = okData<StatusData>(status.stdout);
        expect(data.mode).toBe(mode);
        expect(data.deployment).toMatchObject({ healthy: true, drift: [] });
        expect((await health(url)).version).toBe(healed.version);
      } finally {
        child.kill("SIGKILL");
        await child;
        await copy.remove();
      }
    });
  }
});
