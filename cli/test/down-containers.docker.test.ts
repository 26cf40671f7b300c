import { randomBytes } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { detectTier, requireE2e } from "../../test/support/tiers.ts";
import { createDockerRuntime } from "../src/adapters/docker-runtime.ts";
import { runCli, tempDirs } from "./support/capture-io.ts";
import { parseNdJson } from "./support/nd-json.ts";

const tier = await detectTier({ docker: true, emulator: false }, import.meta.url);
const image = tier.env.baseImage;
const imageReady =
  tier.skipReason === undefined && (await createDockerRuntime(process.env).imagePresent(image));
if (tier.skipReason === undefined && !imageReady) {
  const message = `${image} is not on this machine; run \`npm run test-env:up\``;
  if (requireE2e) throw new Error(message);
  console.warn(`\n*** SKIPPING ${import.meta.url}: ${message} ***\n`);
}

describe.skipIf(!imageReady)("down removes the stack's labelled containers and no one else's", () => {
  const stack = `e2e-reap-${randomBytes(3).toString("hex")}`;
  const dirs = tempDirs("stackctl-docker-");
  const created: string[] = [];
  afterAll(async () => {
    const { default: Docker } = await import("dockerode");
    const docker = new Docker();
    await Promise.all(
      created.map((id) =>
        docker
          .getContainer(id)
          .remove({ force: true })
          .catch(() => undefined),
      ),
    );
    await dirs.cleanup();
  });

  it("plans with --dry-run, then removes only containers labelled dev.stackctl.stack=<stack>", async () => {
    const { default: Docker } = await import("dockerode");
    const docker = new Docker();
    const start = async (label: string) => {
      const container = await docker.createContainer({
        Image: image,
        Cmd: ["node", "-e", "setTimeout(() => {}, 120000)"],
        Labels: { "dev.stackctl.stack": label },
      });
      created.push(container.id);
      await container.start();
      return (await container.inspect()).Name.replace(/^\//, "");
    };
    const ours = await start(stack);
    const theirs = await start(`${stack}-other`);
    const cwd = await dirs.make();
    // No emulator is needed: nothing in the (empty) ledger asks for one.
    const env = { STACKCTL_ENDPOINT: "http://127.0.0.1:9" };

    const plan = await runCli(["down", "--dry-run", "--json", "--stack", stack], { env, cwd });
    expect(plan.lines()).toContainEqual(
      expect.objectContaining({ status: "plan", action: "delete", target: `container ${ours}` }),
    );

    const down = await runCli(["down", "--json", "--stack", stack], { env, cwd });
    expect(parseNdJson(down.stdout)).toMatchObject({ ok: true, data: { removed: [`container ${ours}`] } });
    const remaining = (await docker.listContainers({ all: true })).flatMap((container) => container.Names);
    expect(remaining).toContain(`/${theirs}`);
    expect(remaining).not.toContain(`/${ours}`);
  });
});
