import { afterEach, describe, expect, it } from "vitest";
import { removeDeployment } from "../src/engine/deploy/teardown.ts";
import { fixedRestApiId } from "../src/engine/profile/emulator-profile.ts";
import { tempDirs } from "./support/capture-io.ts";
import { emptyAws, emptyEmulatorAt } from "./support/fake-aws.ts";
import { emptyDockerEngine, engineContext, testPorts } from "./support/fakes.ts";

// down's REST API sweep finds the stack's API by its fixed id (or name and tag); found by id, it
// must still carry the stack's tag before it is deleted, as every other kind must (issue 18 item 5).
const dirs = tempDirs();
afterEach(() => dirs.cleanup());

async function sweepWith(tags: Record<string, string>) {
  const endpoint = "http://127.0.0.1:4566";
  const removed: string[] = [];
  const aws = emptyAws();
  const id = fixedRestApiId("demo");
  aws.restApis.get = async (asked) =>
    asked === id ? { id, name: "someone-else", tags, binaryMediaTypes: [] } : undefined;
  aws.restApis.remove = async (asked) => {
    removed.push(asked);
  };
  const ctx = await engineContext(await dirs.make(), { stack: "demo", endpoint });
  const deps = testPorts({
    ...emptyEmulatorAt(endpoint),
    aws: async () => aws,
    containerEngine: async () => emptyDockerEngine(),
  });
  const outcome = await removeDeployment(ctx, deps, { endpoint, resources: [] }, {});
  return { outcome, removed, id };
}

describe("down's REST API sweep", () => {
  it("keeps an API at the stack's fixed id that is not tagged with the stack, saying why", async () => {
    const { outcome, removed, id } = await sweepWith({ owner: "someone-else" });
    expect(removed).toEqual([]);
    expect(outcome.skipped).toContain(`rest-api ${id} (not tagged stackctl:stack=demo)`);
  });

  it("removes the one tagged with the stack", async () => {
    const { outcome, removed, id } = await sweepWith({ "stackctl:stack": "demo" });
    expect(removed).toEqual([id]);
    expect(outcome.removed).toContain(`rest-api ${id}`);
  });
});
