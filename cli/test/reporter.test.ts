import { describe, expect, it } from "vitest";
import type { EngineEvent } from "../src/engine/events.ts";
import { StackctlError } from "../src/errors.ts";
import { chooseRendering, createReporter, type Rendering } from "../src/report/create-reporter.ts";
import { createTtyReporter } from "../src/report/tty-reporter.ts";
import { bufferStream } from "./support/capture-io.ts";
import { parseNdJson } from "./support/nd-json.ts";

const clearLine = "\r\u001b\\[2K";

const events: EngineEvent[] = [
  { step: "provision.table", status: "start" },
  {
    step: "provision.table",
    status: "explain",
    commands: ["awslocal dynamodb create-table --table-name demo-inventory"],
  },
  { step: "provision.table", status: "done", ms: 42, message: "created demo-inventory" },
  { step: "fixtures.items", status: "warn", message: "item SKU-1 was changed; kept" },
  { step: "provision.bucket", status: "plan", action: "create", target: "bucket demo-files" },
];

// A seed result as `report/seed-data.ts` builds it: the JSON reporter writes only what matches the
// command's strict schema, so the stand-in is a whole one.
const tally = { created: 1, updated: 0, unchanged: 2, kept: [] };
const seedResult = {
  stack: "demo",
  reset: false,
  dryRun: false,
  fixtures: { items: tally, files: tally },
  timings: { "fixtures.items": 12, "fixtures.files": 8 },
};

function render(rendering: Rendering, result: "ok" | "error") {
  const out = bufferStream(rendering === "tty");
  const err = bufferStream(rendering === "tty");
  const reporter =
    rendering === "tty"
      ? createTtyReporter({
          stdout: out.stream,
          stderr: err.stream,
          color: false,
          verbose: false,
          frameMs: 0,
        })
      : createReporter(rendering, { stdout: out.stream, stderr: err.stream, color: false, verbose: false });
  for (const event of events) reporter.event(event);
  if (result === "ok")
    reporter.result({ command: "seed", ok: true, data: seedResult, summary: ["All good."] });
  else
    reporter.result({
      command: "up",
      ok: false,
      error: new StackctlError("EMULATOR_UNREACHABLE", {
        endpoint: "http://127.0.0.1:4599",
        detail: "ECONNREFUSED",
      }),
    });
  return { stdout: out.chunks.join(""), stderr: err.chunks.join("") };
}

describe("reporter renderings", () => {
  it("--json writes only ND-JSON: typed events then exactly one result", () => {
    const { stdout, stderr } = render("json", "ok");
    const result = parseNdJson(stdout);
    expect(result).toEqual({ type: "result", command: "seed", ok: true, data: seedResult });
    expect(stdout.split("\n").filter((line) => line.includes('"type":"result"'))).toHaveLength(1);
    expect(JSON.parse(stdout.split("\n")[2] ?? "")).toMatchObject({
      type: "event",
      step: "provision.table",
      status: "done",
      ms: 42,
    });
    expect(stderr).toBe("");
  });

  it("--json failures carry code, message, hint and retryable", () => {
    const { stdout } = render("json", "error");
    const result = parseNdJson(stdout);
    expect(result).toMatchObject({
      ok: false,
      error: {
        code: "EMULATOR_UNREACHABLE",
        retryable: true,
        message: "No AWS emulator answered at http://127.0.0.1:4599 (ECONNREFUSED).",
      },
    });
  });

  it("plain lines: one line per event with timings, no cursor control, errors on stderr", () => {
    const { stdout, stderr } = render("plain", "error");
    expect(stdout.includes("\r") || stdout.includes("\u001b")).toBe(false);
    expect(stdout).toContain("✓ provision.table (42 ms)  created demo-inventory");
    expect(stdout).toContain("$ awslocal dynamodb create-table --table-name demo-inventory");
    expect(stdout).toContain("! fixtures.items  item SKU-1 was changed; kept");
    expect(stdout).toContain("• create    bucket demo-files");
    expect(stderr).toContain("✗ No AWS emulator answered at http://127.0.0.1:4599");
    expect(stderr).toContain("→ Start one");
    expect(stderr).toContain("(EMULATOR_UNREACHABLE, exit 3, retryable)");
  });

  it("TTY: a spinner line for the running step, replaced by the finished line", () => {
    const { stdout } = render("tty", "ok");
    expect(stdout).toContain("\r\u001b[2K");
    expect(stdout).toMatch(/⠋ provision\.table \d+\.\d s/);
    expect(stdout).toContain("✓ provision.table (42 ms)  created demo-inventory\n");
    expect(stdout.trimEnd().endsWith("All good.")).toBe(true);
  });

  it("TTY: steps running side by side share one spinner line, and each ends on a line of its own", () => {
    const out = bufferStream(true);
    const reporter = createTtyReporter({
      stdout: out.stream,
      stderr: bufferStream(true).stream,
      color: false,
      verbose: false,
      frameMs: 0,
    });
    reporter.event({ step: "provision.table", status: "start" });
    reporter.event({ step: "provision.bucket", status: "start" });
    reporter.event({ step: "provision.bucket", status: "done", ms: 9, message: "demo-files exists" });
    reporter.event({ step: "provision.table", status: "done", ms: 12, message: "demo-inventory exists" });
    const stdout = out.chunks.join("");
    expect(stdout).toMatch(/provision\.table, provision\.bucket \d+\.\d s/);
    // The finished bucket is printed on its own line, then the spinner names only the table.
    const bucketLine = stdout.indexOf("✓ provision.bucket (9 ms)  demo-files exists\n");
    expect(bucketLine).toBeGreaterThan(-1);
    expect(stdout.slice(bucketLine)).toMatch(
      new RegExp(`^✓ provision\\.bucket[^\n]*\n${clearLine}. provision\\.table \\d`),
    );
    expect(stdout.endsWith("✓ provision.table (12 ms)  demo-inventory exists\n")).toBe(true);
  });

  it("chooses JSON for --json, plain for CI or pipes, TTY only for an interactive terminal", () => {
    expect(chooseRendering({ json: true, isTTY: true, ci: false })).toBe("json");
    expect(chooseRendering({ json: false, isTTY: true, ci: true })).toBe("plain");
    expect(chooseRendering({ json: false, isTTY: false, ci: false })).toBe("plain");
    expect(chooseRendering({ json: false, isTTY: true, ci: false })).toBe("tty");
  });
});
