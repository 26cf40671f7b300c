import { describe, expect, it } from "vitest";
import type { EngineEvent } from "../src/engine/events.ts";
import { buildRacingRemovals } from "../src/engine/image/ensure-image.ts";
import { BuildFailure } from "../src/engine/ports.ts";

// The message Docker 20.10's classic builder gave in CI when another stack's image removal took the
// cached layer a build was committing onto.
const raced = new BuildFailure(
  "failed to export image: failed to set parent sha256:f7edf12c18bc: unknown parent image ID sha256:f7edf12c18bc",
  "Step 4/13 : COPY dist/ /app/",
  [],
);

function builds(...outcomes: Array<Error | string>) {
  let calls = 0;
  const build = async () => {
    const outcome = outcomes[calls++];
    if (outcome instanceof Error) throw outcome;
    return outcome;
  };
  return { build, calls: () => calls };
}

describe("an image build that races another image removal", () => {
  it("builds again when Docker lost the cached parent layer, and says so", async () => {
    const events: EngineEvent[] = [];
    const { build, calls } = builds(raced, "sha256:new");
    await expect(
      buildRacingRemovals({ emit: (e) => events.push(e) }, "image.container", build),
    ).resolves.toBe("sha256:new");
    expect(calls()).toBe(2);
    expect(events).toEqual([
      expect.objectContaining({
        step: "image.container",
        status: "warn",
        message: expect.stringContaining("building again (attempt 2 of 3)"),
      }),
    ]);
  });

  it("gives up after three attempts with Docker's own error", async () => {
    const { build, calls } = builds(raced, raced, raced, "never");
    await expect(buildRacingRemovals({ emit: () => {} }, "image.container", build)).rejects.toBe(raced);
    expect(calls()).toBe(3);
  });

  it("never retries a failure of the user's Dockerfile", async () => {
    const own = new BuildFailure(
      "The command '/bin/sh -c exit 7' returned a non-zero code: 7",
      "Step 4/4",
      [],
    );
    const { build, calls } = builds(own, "never");
    await expect(buildRacingRemovals({ emit: () => {} }, "image.container", build)).rejects.toBe(own);
    expect(calls()).toBe(1);
  });
});
