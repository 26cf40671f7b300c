import { afterAll, describe, expect, it } from "vitest";
import { systemClock } from "../src/engine/clock.ts";
import { lambdaLogs } from "../src/engine/modes/lambda/logs.ts";
import type { LogEvent, Logs } from "../src/engine/ports.ts";
import { runCli, tempDirs } from "./support/capture-io.ts";
import { emptyEmulatorAt } from "./support/fake-aws.ts";
import { engineContext, fakeEmulatorHost } from "./support/fakes.ts";

const group = (fn: string) => `/aws/lambda/stackctl-unit-fn-${fn}`;
const event = (id: string, timestamp: number, stream: string): LogEvent => ({
  eventId: id,
  timestamp,
  stream,
  message: `line ${id}\n`,
});

describe("lambda logs from CloudWatch Logs", () => {
  const dirs = tempDirs();
  afterAll(() => dirs.cleanup());

  it("follows across streams and a redeploy's new group: each event once, in time order", async () => {
    const ctx = await engineContext(await dirs.make());
    const controller = new AbortController();
    const followed = { ...ctx, signal: controller.signal };
    // What the emulator holds at each poll: streams per invocation, events that show up late.
    const polls: Record<string, LogEvent[]>[] = [
      { [group("aaa")]: [event("a1", 1000, "s1"), event("a2", 1001, "s1")] },
      { [group("aaa")]: [event("a1", 1000, "s1"), event("a2", 1001, "s1"), event("a3", 1500, "s2")] },
      {
        [group("aaa")]: [event("a1", 1000, "s1"), event("a2", 1001, "s1"), event("a3", 1500, "s2")],
        // The redeploy's function: its first event is older than the newest one already shown.
        [group("bbb")]: [event("b1", 1400, "t1"), event("b2", 2000, "t1")],
      },
    ];
    let poll = 0;
    const logs: Logs = {
      groups: async () => Object.keys(polls[Math.min(poll, polls.length - 1)] ?? {}),
      events: async (name, options) =>
        (polls[Math.min(poll, polls.length - 1)]?.[name] ?? []).filter(
          (e) => options.startTime === undefined || e.timestamp >= options.startTime,
        ),
      removeGroup: async () => undefined,
    };
    const clock = {
      now: () => 0,
      sleep: async () => {
        poll += 1;
        if (poll >= polls.length) controller.abort();
      },
    };
    const shown = await lambdaLogs(followed, logs, clock, { follow: true, sinceSeconds: undefined });
    const lines = ctx.events.filter((e) => e.status === "line");
    expect(lines.map((e) => e.message)).toEqual(["line a1", "line a2", "line a3", "line b1", "line b2"]);
    expect(lines.map((e) => e.source)).toEqual([
      "stackctl-unit-fn-aaa/s1",
      "stackctl-unit-fn-aaa/s1",
      "stackctl-unit-fn-aaa/s2",
      "stackctl-unit-fn-bbb/t1",
      "stackctl-unit-fn-bbb/t1",
    ]);
    expect(lines[0]?.time).toBe(new Date(1000).toISOString());
    expect(shown).toEqual({ source: "/aws/lambda/stackctl-unit-fn-", lines: 5 });
  });

  it("without -f shows what there is, oldest first across groups, and nothing when no function logged", async () => {
    const ctx = await engineContext(await dirs.make());
    const held: Record<string, LogEvent[]> = {
      [group("new")]: [event("n1", 3000, "x")],
      [group("old")]: [event("o1", 1000, "y"), event("o2", 5000, "y")],
    };
    const logs: Logs = {
      groups: async () => Object.keys(held),
      events: async (name) => held[name] ?? [],
      removeGroup: async () => undefined,
    };
    const clock = { now: () => 0, sleep: async () => undefined };
    await lambdaLogs(ctx, logs, clock, { follow: false, sinceSeconds: undefined });
    expect(ctx.events.filter((e) => e.status === "line").map((e) => e.message)).toEqual([
      "line o1",
      "line n1",
      "line o2",
    ]);
    const empty: Logs = { ...logs, groups: async () => [] };
    expect(await lambdaLogs(ctx, empty, clock, { follow: false, sinceSeconds: undefined })).toBeUndefined();
  });
});

describe("logs of a stack with nothing deployed", () => {
  const dirs = tempDirs();
  afterAll(() => dirs.cleanup());

  it("fails with NOT_DEPLOYED (exit 1), and the hint names what logs can do instead", async () => {
    const cwd = await dirs.make();
    const run = await runCli(["logs", "--json", "--stack", "nologs"], {
      env: {},
      cwd,
      enginePorts: {
        emulatorHost: async () => fakeEmulatorHost(),
        clock: systemClock,
        ...emptyEmulatorAt("http://127.0.0.1:4566"),
      },
    });
    expect(run.code).toBe(1);
    expect(run.result()).toMatchObject({
      ok: false,
      error: {
        code: "NOT_DEPLOYED",
        message: 'Stack "nologs" has no function with logs deployed.',
        hint: "Run `stackctl up --stack nologs` first, or name the stack that runs the service with --stack.",
      },
    });
  });
});
