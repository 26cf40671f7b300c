import { appendFile } from "node:fs/promises";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { detectTier } from "../../test/support/tiers.ts";
import { e2eStacks } from "./support/e2e-stacks.ts";
import { okData } from "./support/nd-json.ts";
import { repoCopy } from "./support/repo-copy.ts";
import { requestLoop, seededItem } from "./support/request-loop.ts";

const tier = await detectTier({ docker: true, emulator: true }, import.meta.url);

interface UpData {
  apiUrl: string;
  image: { tag: string };
  resources: { containerId: string; restApiId: string };
  deploy: { retired: string[] };
}

describe.skipIf(tier.skipReason !== undefined)(
  "container mode: a code change swaps containers with zero failed requests",
  () => {
    const stacks = e2eStacks(tier.env.endpoint);
    afterEach(() => stacks.cleanup());

    it("builds a new tag, starts it beside the old, repoints the API, then retires the old", async () => {
      const { cli, cwd, stack } = await stacks.create("swap");
      const first = await cli("up", "--mode", "container", "--json");
      expect(first.code, first.stdout).toBe(0);
      const before = okData<UpData>(first.stdout);

      const copy = await repoCopy();
      try {
        // A developer's edit to the service: a new bundle, so a new content-addressed tag.
        await appendFile(
          path.join(copy.dir, "service/src/entry/server.ts"),
          '\nconsole.error("swap test build");\n',
        );
        const loop = requestLoop(`${before.apiUrl}inventory/SKU-1`, 120_000, seededItem);
        const second = await copy.stackctl(["up", "--mode", "container", "--stack", stack, "--json"], {
          cwd,
          env: { ...(process.env as Record<string, string>), ...stacks.env },
        });
        // Keep calling a moment after the cut-over, through the retirement of the old container.
        await new Promise((resolve) => setTimeout(resolve, 1_000));
        await loop.stop();
        expect(second.exitCode, second.all).toBe(0);
        const after = okData<UpData>(second.stdout);
        expect(after.image.tag).not.toBe(before.image.tag);
        expect(after.resources.containerId).not.toBe(before.resources.containerId);
        expect(after.apiUrl).toBe(before.apiUrl);
        expect(after.deploy.retired).toEqual(
          expect.arrayContaining([expect.stringMatching(/^container /), `image ${before.image.tag}`]),
        );
        expect(loop.count()).toBeGreaterThan(20);
        expect(loop.failures).toEqual([]);
        const health = (await (await fetch(before.apiUrl)).json()) as { version: string };
        expect(health.version).toBe(after.image.tag.split(":")[1]);
      } finally {
        await copy.remove();
      }
    });
  },
);
