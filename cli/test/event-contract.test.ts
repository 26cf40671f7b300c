import { describe, expect, it } from "vitest";
import { type EngineEvent, type StepStatus, stepStatuses } from "../src/engine/events.ts";
import { createJsonReporter } from "../src/report/json-reporter.ts";
import { resultLine } from "../src/report/schemas/envelope.ts";
import { engineEvent } from "../src/report/schemas/events.ts";
import { bufferStream } from "./support/capture-io.ts";
import { parseNdJson } from "./support/nd-json.ts";

// One well-formed event per status, with every field that status may carry.
const examples: Record<StepStatus, EngineEvent> = {
  start: { step: "provision.table", status: "start" },
  done: { step: "provision.table", status: "done", ms: 42, message: "created demo-inventory" },
  skip: { step: "smoke", status: "skip", ms: 0, message: "--dry-run" },
  fail: { step: "deploy.container", status: "fail", ms: 1200, message: "unhealthy" },
  plan: {
    step: "remove.table",
    status: "plan",
    action: "delete",
    target: "table demo-inventory",
    message: "owned",
  },
  explain: { step: "provision.bucket", status: "explain", commands: ["awslocal s3 mb s3://demo-files"] },
  warn: { step: "fixtures.items", status: "warn", message: "item SKU-1 was changed; kept" },
  log: { step: "image.bundle", status: "log", message: "Step 1/4 : FROM node:22" },
  line: {
    step: "logs",
    status: "line",
    message: '{"level":30,"msg":"listening"}',
    stream: "stdout",
    source: "demo-service",
    time: "2026-12-03T09:00:00.000Z",
  },
  reload: {
    step: "dev.reload",
    status: "reload",
    outcome: "build-failed",
    path: "fast",
    mode: "container",
    changed: ["service/src/http/app.ts"],
    ms: 38,
    steps: { bundle: 38 },
    version: "3f2a9c1d0b7e",
    message: "esbuild failed; 3f2a9c1d0b7e keeps serving",
    details: ['service/src/http/app.ts:12:5: Expected ";" but found "x"'],
  },
};

describe("the --json event contract (report/schemas/events.ts)", () => {
  it.each(stepStatuses)("accepts a %s event with exactly its fields", (status) => {
    expect(engineEvent.parse(examples[status])).toEqual(examples[status]);
  });

  it("accepts each status with only its required fields", () => {
    const minimal: unknown[] = [
      { step: "a", status: "done" },
      { step: "a", status: "skip" },
      { step: "a", status: "fail", message: "boom" },
      { step: "a", status: "plan", action: "create", target: "bucket b" },
      { step: "logs", status: "line", message: "", stream: "stderr", source: "c" },
      {
        step: "dev.reload",
        status: "reload",
        outcome: "deployed",
        path: "full",
        mode: "lambda",
        changed: ["package.json"],
        ms: 3000,
        steps: {},
        message: "",
      },
    ];
    for (const event of minimal)
      expect(engineEvent.safeParse(event).success, JSON.stringify(event)).toBe(true);
  });

  it.each([
    ["an unknown status", { step: "a", status: "finished" }],
    ["no step", { status: "start" }],
    ["an empty step", { step: "", status: "start" }],
    ["a field of another status (start with ms)", { step: "a", status: "start", ms: 3 }],
    ["a field of another status (done with commands)", { step: "a", status: "done", commands: ["ls"] }],
    ["a plan without a target", { step: "a", status: "plan", action: "create" }],
    ["a plan with an unknown action", { step: "a", status: "plan", action: "explode", target: "t" }],
    ["a fail without a message", { step: "a", status: "fail", ms: 1 }],
    ["a warn without a message", { step: "a", status: "warn" }],
    ["a fractional ms", { step: "a", status: "done", ms: 1.5 }],
    ["a negative ms", { step: "a", status: "done", ms: -1 }],
    ["explain commands that are not strings", { step: "a", status: "explain", commands: [1] }],
    ["a line without its source", { step: "logs", status: "line", message: "x", stream: "stdout" }],
    ["a line on a third stream", { step: "logs", status: "line", message: "x", stream: "tty", source: "c" }],
    ["an unknown field", { step: "a", status: "warn", message: "m", colour: "red" }],
  ])("refuses %s", (_what, event) => {
    expect(engineEvent.safeParse(event).success).toBe(false);
  });
});

describe("the --json envelope (report/schemas/envelope.ts)", () => {
  const failure = {
    type: "result",
    command: "up",
    ok: false,
    error: {
      code: "EMULATOR_UNREACHABLE",
      message: "No AWS emulator answered.",
      hint: "Start one.",
      retryable: true,
    },
  };

  it("accepts a failure with a code of the error table and refuses one with an invented code", () => {
    expect(resultLine.safeParse(failure).success).toBe(true);
    expect(resultLine.safeParse({ ...failure, error: { ...failure.error, code: "OOPS" } }).success).toBe(
      false,
    );
    expect(resultLine.safeParse({ ...failure, error: { ...failure.error, stack: "at x" } }).success).toBe(
      false,
    );
  });

  it("checks an ok result's data against its command's strict schema, seed's included", () => {
    const data = { command: "up", text: "Usage: stackctl up" };
    expect(resultLine.safeParse({ type: "result", command: "help", ok: true, data }).success).toBe(true);
    const seed = { type: "result", command: "seed", ok: true, data: { stack: "demo" } };
    const refused = resultLine.safeParse(seed);
    expect(refused.success).toBe(false);
    expect(refused.error?.issues.map((issue) => issue.path.join("."))).toContain("data.reset");
    const unknown = { type: "result", command: "deploy-everything", ok: true, data: {} };
    expect(resultLine.safeParse(unknown).success).toBe(false);
  });
});

describe("the JSON reporter writes only what the contract accepts", () => {
  const reporter = () => {
    const out = bufferStream(false);
    const err = bufferStream(false);
    return {
      reporter: createJsonReporter({ stdout: out.stream, stderr: err.stream, color: false, verbose: false }),
      stdout: () => out.chunks.join(""),
    };
  };

  it("writes every status variant as an event line the tests read back", () => {
    const { reporter: json, stdout } = reporter();
    for (const status of stepStatuses) json.event(examples[status]);
    json.result({ command: "version", ok: true, data: { version: "1.2.3" }, summary: [] });
    expect(parseNdJson(stdout())).toEqual({
      type: "result",
      command: "version",
      ok: true,
      data: { version: "1.2.3" },
    });
    const lines = stdout().trimEnd().split("\n");
    expect(lines.slice(0, -1).map((line) => JSON.parse(line) as unknown)).toEqual(
      stepStatuses.map((status) => ({ type: "event", ...examples[status] })),
    );
  });

  it("refuses (INTERNAL, nothing written) a malformed event and an ok result off its command's schema", () => {
    const { reporter: json, stdout } = reporter();
    const malformed = { step: "a", status: "done", ms: 1.5 } as EngineEvent;
    expect(() => json.event(malformed)).toThrow(/the done event of a does not match the --json contract.*ms/);
    expect(() => json.result({ command: "seed", ok: true, data: { stack: "demo" }, summary: [] })).toThrow(
      expect.objectContaining({ code: "INTERNAL" }),
    );
    expect(stdout()).toBe("");
  });
});
