import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { detectTier } from "../../test/support/tiers.ts";
import { parseNdJson } from "./support/nd-json.ts";
import { realBin } from "./support/real-bin.ts";

const tier = await detectTier({ docker: true, emulator: true }, import.meta.url);

describe.skipIf(tier.skipReason !== undefined)("down removes only folders stackctl made", () => {
  let root = "";
  beforeAll(async () => {
    root = await mkdtemp(path.join(os.tmpdir(), "stackctl-owned-"));
  });
  afterAll(() => rm(root, { recursive: true, force: true }));

  it("a stateDir and stack pointing at a user's folder: down exits 0 and the folder and its files stay", async () => {
    const project = path.join(root, "project");
    const victim = path.join(root, "victim-app");
    await mkdir(path.join(victim, "build", "src"), { recursive: true });
    await mkdir(project);
    await writeFile(path.join(victim, "build", "src", "important.txt"), "the user's work\n");
    await writeFile(
      path.join(project, "stackctl.config.json"),
      JSON.stringify({ stateDir: "..", stack: "victim-app" }),
    );
    const down = await realBin(project, { STACKCTL_ENDPOINT: tier.env.endpoint })("down", "--json");
    expect(down.exitCode, String(down.stderr)).toBe(0);
    expect(parseNdJson(String(down.stdout))).toMatchObject({ ok: true, data: { removed: [] } });
    expect(await readFile(path.join(victim, "build", "src", "important.txt"), "utf8")).toBe(
      "the user's work\n",
    );
    expect(String(down.stdout)).toContain("stackctl did not make it");
  });
});
