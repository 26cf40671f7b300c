import { randomBytes } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { detectTier } from "../../test/support/tiers.ts";
import { baseImageReady } from "./support/base-image.ts";
import { runCli, tempDirs } from "./support/capture-io.ts";
import { parseNdJson } from "./support/nd-json.ts";
import { testContainers } from "./support/test-containers.ts";

const tier = await detectTier({ docker: true, emulator: false }, import.meta.url);
const imageReady = await baseImageReady(tier, import.meta.url);

describe.skipIf(!imageReady)("down removes the stack's labelled containers and no one else's", () => {
  const stack = `e2e-reap-${randomBytes(3).toString("hex")}`;
  const dirs = tempDirs("stackctl-docker-");
  const containers = testContainers();
  afterAll(async () => {
    await containers.removeAll();
    await dirs.cleanup();
  });

  const sleeper = async (label: string) => {
    const started = await containers.start({
      Image: tier.env.baseImage,
      Cmd: ["node", "-e", "setTimeout(() => {}, 120000)"],
      Labels: { "dev.stackctl.stack": label },
    });
    return started.name;
  };

  it("plans with --dry-run, then removes only containers labelled dev.stackctl.stack=<stack>", async () => {
    const ours = await sleeper(stack);
    const theirs = await sleeper(`${stack}-other`);
    const cwd = await dirs.make();
    // No emulator is needed: nothing in the (empty) ledger asks for one.
    const env = { STACKCTL_ENDPOINT: "http://127.0.0.1:9" };

    const plan = await runCli(["down", "--dry-run", "--json", "--stack", stack], { env, cwd });
    expect(plan.lines()).toContainEqual(
      expect.objectContaining({ status: "plan", action: "delete", target: `container ${ours}` }),
    );

    const down = await runCli(["down", "--json", "--stack", stack], { env, cwd });
    expect(parseNdJson(down.stdout)).toMatchObject({ ok: true, data: { removed: [`container ${ours}`] } });
    const remaining = (await (await containers.docker()).listContainers({ all: true })).flatMap(
      (c) => c.Names,
    );
    expect(remaining).toContain(`/${theirs}`);
    expect(remaining).not.toContain(`/${ours}`);
  });
});
