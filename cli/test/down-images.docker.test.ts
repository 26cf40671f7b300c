import { randomBytes } from "node:crypto";
import { execa } from "execa";
import { afterAll, describe, expect, it } from "vitest";
import { detectTier } from "../../test/support/tiers.ts";
import { removeDockerLeftovers } from "../src/engine/deploy/teardown.ts";
import { baseImageReady } from "./support/base-image.ts";
import { tempDirs } from "./support/capture-io.ts";
import { engineContext, testPorts } from "./support/fakes.ts";

// Labels are inherited: a user's image FROM stackctl's carries the stack label too. down's image
// sweep removes only stackctl's own tags, and the user's image (and the layers it needs) stay.
const tier = await detectTier({ docker: true, emulator: false }, import.meta.url);
const imageReady = await baseImageReady(tier, import.meta.url);

describe.skipIf(!imageReady)("down's image sweep and a user's image built FROM stackctl's", () => {
  const stack = `e2e-img-${randomBytes(3).toString("hex")}`;
  const ours = `stackctl/${stack}-service:0123456789ab`;
  const users = `stackctl-test/user-app-${stack}:1`;
  const dirs = tempDirs("stackctl-docker-");
  const build = (tag: string, from: string, labels: string[]) =>
    execa("docker", ["build", "-q", "-t", tag, ...labels.flatMap((label) => ["--label", label]), "-"], {
      input: `FROM ${from}\n`,
    });
  afterAll(async () => {
    await execa("docker", ["image", "rm", "-f", users, ours], { reject: false });
    await dirs.cleanup();
  });

  it("removes stackctl's tag and keeps the user's image that inherited its label", async () => {
    await build(ours, tier.env.baseImage, [
      `dev.stackctl.stack=${stack}`,
      "dev.stackctl.image=container",
      `stackctl.test=${stack}`,
    ]);
    await build(users, ours, []);
    const inherited = await execa("docker", ["image", "inspect", "-f", "{{json .Config.Labels}}", users]);
    expect(JSON.parse(inherited.stdout)).toMatchObject({ "dev.stackctl.stack": stack });

    const ctx = await engineContext(await dirs.make(), { stack });
    const outcome = await removeDockerLeftovers(ctx, testPorts({}), {});
    expect(outcome.removed).toEqual([`image ${ours}`]);
    const left = await execa("docker", ["image", "inspect", users], { reject: false });
    expect(left.exitCode, "the user's image survives").toBe(0);
    const gone = await execa("docker", ["image", "inspect", ours], { reject: false });
    expect(gone.exitCode, "stackctl's tag is gone").not.toBe(0);
  });
});
