import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { systemClock } from "../src/engine/clock.ts";
import type { LogEvent } from "../src/engine/ports.ts";
import { bufferStream, runCli, tempDirs } from "./support/capture-io.ts";
import { emptyAws, emptyEmulatorAt } from "./support/fake-aws.ts";
import { fakeEmulatorHost, freePort } from "./support/fakes.ts";
import { realBin } from "./support/real-bin.ts";

// issue 18 item 14: `--since` takes only sensible values; a service's escape sequences never reach a terminal.
const dirs = tempDirs("stackctl-logs-input-");
afterAll(() => dirs.cleanup());

describe("logs --since through the real bin", () => {
  it.each([
    ["1", "neither a duration nor a time"],
    ["1700000000", "neither a duration nor a time"],
    ["2999-01-01", "in the future"],
    ["99999999999999999999d", "more than ten years"],
    ["4000d", "more than ten years"],
    ["-5m", "neither a duration nor a time"],
    ["10 minutes", "neither a duration nor a time"],
    ["Tue, 01 Dec 2026", "neither a duration nor a time"],
    ["1969-12-31T00:00:00Z", "before 1970"],
  ])("refuses --since %j as a usage error (exit 2)", async (value, why) => {
    const cwd = await dirs.make();
    const port = await freePort();
    const run = await realBin(cwd, { DOCKER_HOST: `unix://${path.join(cwd, "none.sock")}` })(
      "logs",
      "--json",
      "--since",
      value,
      "--endpoint",
      `http://127.0.0.1:${port}`,
    );
    expect(run.exitCode, String(run.stdout)).toBe(2);
    const result = JSON.parse(String(run.stdout).trim().split("\n").at(-1) ?? "{}");
    expect(result).toMatchObject({ ok: false, error: { code: "USAGE" } });
    expect(result.error.message).toContain(why);
  });

  it("accepts durations and past times", async () => {
    const { parseSince } = await import("../src/engine/logs/since.ts");
    const now = Date.parse("2026-12-03T10:00:00Z");
    expect(parseSince("10m", now)).toBe(now / 1000 - 600);
    expect(parseSince("2h", now)).toBe(now / 1000 - 7200);
    expect(parseSince("0s", now)).toBe(now / 1000);
    expect(parseSince("2026-12-01T10:00:00Z", now)).toBe(Date.parse("2026-12-01T10:00:00Z") / 1000);
    expect(parseSince("2026-12-01", now)).toBe(Date.parse("2026-12-01") / 1000);
    expect(parseSince("2026-12-03T10:00:30+00:00", now)).toBe(now / 1000 + 30);
  });
});

describe("logs on a terminal strip the service's control sequences; --json keeps them", () => {
  const hostile = [
    "title \u001b]0;pwned-title\u0007 done",
    "\u001b[2J\u001b[Hcleared \u001b[31mred\u001b[0m",
    "link \u001b]8;;http://evil.example\u001b\\click\u001b]8;;\u001b\\ bell\u0007 back\bspace \u009b31m c1",
    JSON.stringify({ level: 30, time: 1, msg: "pino \u001b]52;c;Y2xpcA==\u0007 clip", path: "/\u001b[6n" }),
  ];
  const events: LogEvent[] = hostile.map((message, index) => ({
    eventId: `e${index}`,
    timestamp: 1_000 + index,
    stream: "s",
    message: `${message}\n`,
  }));
  const enginePorts = () => {
    const endpoint = "http://127.0.0.1:4566";
    const emulator = emptyEmulatorAt(endpoint);
    return {
      emulatorHost: async () => fakeEmulatorHost(),
      clock: systemClock,
      probe: emulator.probe,
      aws: () => {
        const aws = emptyAws();
        return {
          ...aws,
          logs: {
            ...aws.logs,
            groups: async () => ["/aws/lambda/stackctl-term-fn-abc"],
            events: async () => events,
          },
        };
      },
    };
  };

  it.each([true, false])("on a terminal (TTY reporter: %s)", async (tty) => {
    const cwd = await dirs.make();
    const out = bufferStream(true);
    const env = { NO_COLOR: "1", ...(tty ? {} : { CI: "1" }) };
    const code = await (await import("../src/main.ts")).main(["logs", "--stack", "term"], {
      stdout: out.stream,
      stderr: bufferStream().stream,
      env,
      cwd,
      enginePorts: enginePorts(),
    });
    expect(code).toBe(0);
    const text = out.chunks.join("");
    for (const word of ["title", "done", "cleared", "red", "click", "back", "c1", "pino", "clip"])
      expect(text).toContain(word);
    const controls = [...text].filter((char) => {
      const point = char.codePointAt(0) ?? 0;
      return char !== "\n" && char !== "\t" && (point < 0x20 || (point >= 0x7f && point <= 0x9f));
    });
    expect(controls).toEqual([]);
    expect(text).not.toContain("pwned-title");
    expect(text).not.toContain("evil.example");
    // The plain reporter prints a JSON line as its text, where an escape is the harmless `\u001b`.
    if (tty) expect(text).not.toContain("Y2xpcA==");
  });

  it("--json keeps each line as the service wrote it", async () => {
    const cwd = await dirs.make();
    const run = await runCli(["logs", "--json", "--stack", "term"], {
      env: {},
      cwd,
      enginePorts: enginePorts(),
    });
    expect(run.code).toBe(0);
    const lines = run.lines().filter((line) => line.status === "line");
    expect(lines.map((line) => line.message)).toEqual(hostile);
  });
});
