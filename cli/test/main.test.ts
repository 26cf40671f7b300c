import { spawnSync } from "node:child_process";
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { systemClock } from "../src/engine/clock.ts";
import { runCli, tempDirs } from "./support/capture-io.ts";
import { emptyDockerEngine, fakeEmulatorHost, freePort } from "./support/fakes.ts";
import { parseNdJson } from "./support/nd-json.ts";

const dirs = tempDirs();
afterEach(() => dirs.cleanup());

describe("main(argv, io)", () => {
  it("prints help and exits 0", async () => {
    const run = await runCli(["--help"], { env: {}, cwd: await dirs.make() });
    expect(run.code).toBe(0);
    for (const command of ["up", "switch", "status", "seed", "doctor", "down"])
      expect(run.stdout).toContain(command);
  });

  it("turns an unknown flag into a usage error (exit 2) with a hint, and no stack trace", async () => {
    const run = await runCli(["up", "--frobnicate"], { env: {}, cwd: await dirs.make() });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("Unknown option '--frobnicate'");
    expect(run.stderr).toContain("stackctl --help");
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it("reports usage errors as one ND-JSON result under --json", async () => {
    const run = await runCli(["up", "--frobnicate", "--json"], { env: {}, cwd: await dirs.make() });
    expect(parseNdJson(run.stdout)).toMatchObject({ ok: false, error: { code: "USAGE" } });
  });

  it("keeps stdout ND-JSON under --json for --help, --version and a missing command", async () => {
    const cwd = await dirs.make();
    const help = await runCli(["--json", "--help"], { env: {}, cwd });
    expect(help.code).toBe(0);
    expect(parseNdJson(help.stdout)).toMatchObject({
      command: "help",
      ok: true,
      data: { command: "stackctl", text: expect.stringContaining("Usage: stackctl") },
    });
    const upHelp = await runCli(["up", "--help", "--json"], { env: {}, cwd });
    expect(parseNdJson(upHelp.stdout)).toMatchObject({
      data: { command: "up", text: expect.stringContaining("--mode") },
    });
    const version = await runCli(["--version", "--json"], { env: {}, cwd });
    expect(parseNdJson(version.stdout)).toMatchObject({
      command: "version",
      ok: true,
      data: { version: expect.stringMatching(/^\d+\.\d+\.\d+/) },
    });
    const none = await runCli(["--json"], { env: {}, cwd });
    expect(none.code).toBe(2);
    expect(parseNdJson(none.stdout)).toMatchObject({ ok: false, error: { code: "USAGE" } });
  });

  it("names the command commander dispatched to in a --json usage error, not the first bare word", async () => {
    const cwd = await dirs.make();
    const run = await runCli(["--json", "--stack", "rv-a", "up", "--bogus"], { env: {}, cwd });
    expect(run.code).toBe(2);
    expect(parseNdJson(run.stdout)).toMatchObject({ command: "up", ok: false, error: { code: "USAGE" } });
    const unknown = await runCli(["--json", "--stack", "rv-a", "nope"], { env: {}, cwd });
    expect(parseNdJson(unknown.stdout)).toMatchObject({ command: "stackctl", ok: false });
    const switched = await runCli(["--json", "switch", "weird"], { env: {}, cwd });
    expect(parseNdJson(switched.stdout)).toMatchObject({
      command: "switch",
      error: { code: "UNKNOWN_MODE", message: 'Unknown mode "weird" (from `switch weird`).' },
    });
  });

  it("rejects an unknown mode with exit 2 before touching anything", async () => {
    const runtime = fakeEmulatorHost();
    const run = await runCli(["up", "--mode", "kubernetes", "--json"], {
      env: {},
      cwd: await dirs.make(),
      enginePorts: { emulatorHost: async () => runtime, clock: systemClock },
    });
    expect(run.code).toBe(2);
    expect(parseNdJson(run.stdout)).toMatchObject({ ok: false, error: { code: "UNKNOWN_MODE" } });
    expect(runtime.calls).toEqual([]);
  });

  it("treats `switch <mode>` as `up --mode <mode>`", async () => {
    const run = await runCli(["switch", "serverless", "--json"], { env: {}, cwd: await dirs.make() });
    expect(run.code).toBe(2);
    expect(parseNdJson(run.stdout)).toMatchObject({ command: "switch", error: { code: "UNKNOWN_MODE" } });
  });

  it("names the bad field and file of an invalid config (exit 2)", async () => {
    const cwd = await dirs.make();
    await writeFile(path.join(cwd, "stackctl.config.json"), JSON.stringify({ emulator: { port: "4566" } }));
    const run = await runCli(["status"], { env: {}, cwd });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(path.join(cwd, "stackctl.config.json"));
    expect(run.stderr).toContain('"emulator.port"');
  });

  it("exits 130 and says so when interrupted", async () => {
    const controller = new AbortController();
    controller.abort();
    const run = await runCli(["up", "--json", "--endpoint", `http://127.0.0.1:${await freePort()}`], {
      env: {},
      cwd: await dirs.make(),
      signal: controller.signal,
    });
    expect(run.code).toBe(130);
    expect(parseNdJson(run.stdout)).toMatchObject({ ok: false, error: { code: "INTERRUPTED" } });
  });
});

describe("up --dry-run (managed emulator not running)", () => {
  it("plans the emulator start, the table, the bucket and every fixture, and changes nothing", async () => {
    const cwd = await dirs.make();
    const port = await freePort();
    await writeFile(
      path.join(cwd, "stackctl.config.json"),
      JSON.stringify({ stack: "plan-demo", emulator: { port } }),
    );
    const runtime = fakeEmulatorHost();
    const run = await runCli(["up", "--dry-run", "--json"], {
      env: {},
      cwd,
      enginePorts: { emulatorHost: async () => runtime, clock: systemClock },
    });
    expect(run.code).toBe(0);
    const result = parseNdJson(run.stdout);
    const plans = run
      .lines()
      .filter((line) => line.status === "plan")
      .map((line) => `${String(line.action)} ${String(line.target)}`);
    expect(plans).toEqual([
      `start LocalStack on http://127.0.0.1:${port}`,
      "create table plan-demo-inventory",
      "create bucket plan-demo-files",
      "create item SKU-1",
      "create item SKU-2",
      "create item SKU-3",
      "create item bulk.crate_07",
      "create item ÄPFEL-7",
      "create file pixel.png",
      "create file sample.txt",
      // Nothing exists yet: every deploy step creates (never "update lambda mode"), checks are checks.
      "check package zip",
      `create bundle ${path.join(cwd, ".stackctl", "plan-demo", "build")}`,
      "create function zip",
      "create role stackctl-plan-demo-lambda",
      expect.stringMatching(/^create function stackctl-plan-demo-fn-[0-9a-f]{10}$/),
      expect.stringMatching(/^check invoke stackctl-plan-demo-fn-[0-9a-f]{10} once$/),
      expect.stringMatching(/^create rest-api stackctl-plan-demo \([0-9a-f]{10}\)$/),
      expect.stringMatching(
        /^check http:\/\/localhost:\d+\/_aws\/execute-api\/[0-9a-f]{10}\/dev\/ answers version/,
      ),
      "unchanged nothing to retire",
      expect.stringMatching(/^check smoke checks through http:\/\/localhost:\d+\//),
    ]);
    expect(result).toMatchObject({
      ok: true,
      data: {
        dryRun: true,
        stack: "plan-demo",
        // Lambda mode (the default) deploys now; a dry run plans it and builds nothing.
        deploy: {
          status: "planned",
          detail: expect.stringMatching(/^would create bundle .*, create function stackctl-plan-demo-fn-/),
        },
      },
    });
    // Only the cheap pre-checks touched Docker: nothing pulled or started.
    expect(runtime.calls).toEqual(["docker", "compose"]);
    const { readdir } = await import("node:fs/promises");
    expect(await readdir(cwd)).toEqual(["stackctl.config.json"]);
  });

  it("prints the equivalent commands with --explain", async () => {
    const cwd = await dirs.make();
    const port = await freePort();
    await writeFile(
      path.join(cwd, "stackctl.config.json"),
      JSON.stringify({ stack: "explain-demo", emulator: { port } }),
    );
    const run = await runCli(["up", "--dry-run", "--explain"], {
      env: {},
      cwd,
      enginePorts: { emulatorHost: async () => fakeEmulatorHost(), clock: systemClock },
    });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("docker compose -f");
    expect(run.stdout).toContain("dynamodb create-table --table-name explain-demo-inventory");
    expect(run.stdout).toContain("s3api create-bucket --bucket explain-demo-files");
    expect(run.stdout).toContain("s3 cp");
    expect(run.stdout).toContain("Plan for stack explain-demo (dry run, nothing was changed): would create");
  });

  it("--explain quotes every argument, names the region and its bucket location, and survives no containers", async () => {
    const cwd = await dirs.make();
    const port = await freePort();
    const fixtures = path.join(cwd, "it's fixtures");
    await mkdir(path.join(fixtures, "files"), { recursive: true });
    const item = { sku: "Q-1", name: "O'Brien's $HOME `widget`", quantity: 1, priceCents: 2 };
    await writeFile(path.join(fixtures, "items.json"), JSON.stringify([item]));
    await writeFile(path.join(fixtures, "files", "a b.txt"), "x");
    await writeFile(
      path.join(cwd, "stackctl.config.json"),
      JSON.stringify({ stack: "quoted", emulator: { port } }),
    );
    const runtime = {
      emulatorHost: async () => fakeEmulatorHost(),
      clock: systemClock,
      containerEngine: async () => emptyDockerEngine(),
    };
    const env = { STACKCTL_FIXTURES_DIR: fixtures };
    const run = await runCli(["up", "--dry-run", "--explain", "--json", "--region", "eu-west-1"], {
      env,
      cwd,
      enginePorts: runtime,
    });
    expect(run.code, run.stdout).toBe(0);
    const commands = run.lines().flatMap((line) => (line.commands as string[] | undefined) ?? []);
    const aws = `aws --endpoint-url http://127.0.0.1:${port} --region eu-west-1`;
    expect(commands).toContain(
      `${aws} s3api create-bucket --bucket quoted-files --create-bucket-configuration LocationConstraint=eu-west-1`,
    );
    // The shell must hand the AWS CLI exactly the arguments stackctl meant.
    const argsOf = (line: string) => {
      const echoed = spawnSync("sh", ["-c", line.replace(aws, "printf '%s\\n'")], { encoding: "utf8" });
      return echoed.stdout.split("\n").slice(0, -1);
    };
    const putItem = commands.find((line) => line.includes("put-item")) ?? "";
    expect(JSON.parse(argsOf(putItem).at(-1) ?? "")).toMatchObject({ name: { S: item.name } });
    const copy = commands.find((line) => line.includes("s3 cp")) ?? "";
    expect(argsOf(copy)).toEqual([
      "s3",
      "cp",
      path.join(fixtures, "files", "a b.txt"),
      "s3://quoted-files/a b.txt",
    ]);

    const down = await runCli(["down", "--dry-run", "--explain", "--json"], {
      env,
      cwd,
      enginePorts: runtime,
    });
    expect(down.lines().flatMap((line) => (line.commands as string[] | undefined) ?? [])).toContain(
      "docker ps -aq --filter label=dev.stackctl.stack=quoted | xargs -r docker rm -f",
    );
  });
});

describe("status", () => {
  it("reports a corrupt ledger in its result (ledgerProblem) and exits 0, as README promises", async () => {
    const cwd = await dirs.make();
    await mkdir(path.join(cwd, ".stackctl", "broken"), { recursive: true });
    const file = path.join(cwd, ".stackctl", "broken", "state.json");
    await writeFile(file, '{"version": 1, "stack": ');
    const endpoint = `http://127.0.0.1:${await freePort()}`;
    const run = await runCli(["status", "--json", "--stack", "broken", "--endpoint", endpoint], {
      env: {},
      cwd,
    });
    expect(run.code, run.stdout).toBe(0);
    expect(parseNdJson(run.stdout)).toMatchObject({
      ok: true,
      data: {
        ledgerFile: file,
        ledgerProblem: expect.stringContaining(`The state file ${file} is unreadable`),
        emulator: { reachable: false },
      },
    });
  });
});
