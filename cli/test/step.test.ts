import { setTimeout as sleep } from "node:timers/promises";
import { afterEach, describe, expect, it } from "vitest";
import { runStep } from "../src/engine/step.ts";
import { StackctlError } from "../src/errors.ts";
import { tempDirs } from "./support/capture-io.ts";
import { engineContext } from "./support/fakes.ts";

const dirs = tempDirs();
afterEach(() => dirs.cleanup());

async function failureOf(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
}

describe("runStep", () => {
  it("emits start and done with the step's time and records it", async () => {
    const ctx = await engineContext(await dirs.make());
    const timings: Record<string, number> = {};
    const value = await runStep(ctx, timings, "provision.table", async () => {
      await sleep(30);
      return { value: 7, message: "created t" };
    });
    expect(value).toBe(7);
    expect(ctx.events).toEqual([
      { step: "provision.table", status: "start" },
      { step: "provision.table", status: "done", ms: expect.any(Number), message: "created t" },
    ]);
    // The step's own wall time (it slept 30 ms), the same figure in the event and the timings.
    const done = ctx.events.find((event) => event.status === "done");
    expect(timings["provision.table"]).toBeGreaterThanOrEqual(25);
    expect(timings["provision.table"]).toBeLessThan(2_000);
    expect(done?.ms).toBe(timings["provision.table"]);
  });

  it("turns an AWS SDK failure into AWS_CALL_FAILED naming the step, not an internal error", async () => {
    const ctx = await engineContext(await dirs.make());
    const sdkError = Object.assign(new Error("Service unavailable"), {
      name: "ServiceUnavailable",
      $metadata: { httpStatusCode: 503 },
    });
    const error = await failureOf(
      runStep(ctx, {}, "provision.bucket", async () => {
        throw sdkError;
      }),
    );
    expect(error).toBeInstanceOf(StackctlError);
    expect(error).toMatchObject({
      code: "AWS_CALL_FAILED",
      retryable: true,
      message: "provision.bucket failed: ServiceUnavailable: Service unavailable",
    });
    expect(ctx.events.at(-1)).toMatchObject({ step: "provision.bucket", status: "fail" });
  });

  it("lets programming errors through as they are (reported as INTERNAL, with --verbose stack)", async () => {
    const ctx = await engineContext(await dirs.make());
    const error = await failureOf(
      runStep(ctx, {}, "fixtures.items", async () => {
        throw new TypeError("x is undefined");
      }),
    );
    expect(error).toBeInstanceOf(TypeError);
  });

  it("reports INTERRUPTED when the signal fired during the step", async () => {
    const controller = new AbortController();
    const ctx = { ...(await engineContext(await dirs.make())), signal: controller.signal };
    const error = await failureOf(
      runStep(ctx, {}, "emulator", async () => {
        controller.abort();
        throw new Error("socket closed");
      }),
    );
    expect(error).toMatchObject({ code: "INTERRUPTED", exitCode: 130 });
  });
});
