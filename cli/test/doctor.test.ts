import { afterEach, describe, expect, it } from "vitest";
import { probeEmulator } from "../src/composition/ports.ts";
import { systemClock } from "../src/engine/clock.ts";
import { runCli, tempDirs } from "./support/capture-io.ts";
import { fakeEmulatorHost, freePort, startFakeLocalStack } from "./support/fakes.ts";
import { parseNdJson } from "./support/nd-json.ts";

const dirs = tempDirs();
const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((close) => close()));
  await dirs.cleanup();
});

type Check = { name: string; verdict: string; detail: string; fix: string };

describe("doctor", () => {
  it("fails (exit 3) with a fix per problem when stackctl must start LocalStack and Docker is down", async () => {
    const port = await freePort();
    const cwd = await dirs.make();
    const { writeFile } = await import("node:fs/promises");
    await writeFile(`${cwd}/stackctl.config.json`, JSON.stringify({ emulator: { port } }));
    const runtime = fakeEmulatorHost({
      docker: async () => ({ state: "down", detail: "connect ENOENT /var/run/docker.sock" }),
      compose: async () => ({ ok: false, detail: "docker: 'compose' is not a docker command." }),
    });
    const run = await runCli(["doctor", "--json"], {
      env: {},
      cwd,
      enginePorts: { emulatorHost: async () => runtime, clock: systemClock },
    });
    expect(run.code).toBe(3);
    expect(parseNdJson(run.stdout)).toMatchObject({
      ok: false,
      error: { code: "ENVIRONMENT_CHECKS_FAILED", message: "2 environment check(s) failed." },
    });
    const failed = run
      .lines()
      .filter((line) => line.status === "fail")
      .map((line) => line.step);
    expect(failed).toEqual(["doctor.docker", "doctor.compose"]);
    // Managed: doctor says what that LocalStack exposes (issue 18 item 7).
    expect(run.lines()).toContainEqual(
      expect.objectContaining({
        step: "doctor.exposure",
        status: "done",
        message: expect.stringContaining(`Docker socket read-write`),
      }),
    );
    expect(run.stdout).toContain("Start Docker Desktop or `sudo systemctl start docker`.");
  });

  it("passes with --endpoint even without Docker, reporting the emulator and a yes/no for the token", async () => {
    const emulator = await startFakeLocalStack();
    closers.push(() => emulator.close());
    const runtime = fakeEmulatorHost({
      docker: async () => ({ state: "missing" }),
      compose: async () => ({ ok: false, detail: "no docker" }),
    });
    const run = await runCli(["doctor", "--json", "--endpoint", `http://127.0.0.1:${emulator.port}`], {
      env: { LOCALSTACK_AUTH_TOKEN: "ls-secret" },
      cwd: await dirs.make(),
      enginePorts: { emulatorHost: async () => runtime, clock: systemClock },
    });
    expect(run.code).toBe(0);
    const result = parseNdJson(run.stdout);
    const checks = (result.ok ? result.data.checks : []) as Check[];
    expect(checks.find((check) => check.name === "docker")).toMatchObject({
      verdict: "warn",
      detail: "not installed",
    });
    expect(checks.find((check) => check.name === "emulator")).toMatchObject({
      verdict: "pass",
      detail: expect.stringContaining("localstack 4.14.0 (community)"),
    });
    expect(checks.find((check) => check.name === "auth token")?.detail).toBe("LOCALSTACK_AUTH_TOKEN set");
    // Per mode, where LocalStack's gateway differs from AWS (engine/profile/limitations.ts), with what to do.
    expect(checks.find((check) => check.name === "lambda mode")).toMatchObject({
      verdict: "warn",
      detail: expect.stringContaining(
        "base64 text unless the request's first Accept type is application/octet-stream",
      ),
      fix: expect.stringContaining("send Accept: application/octet-stream"),
    });
    expect(checks.find((check) => check.name === "container mode")).toMatchObject({
      verdict: "warn",
      detail: expect.stringContaining("re-encoded as %25"),
    });
    expect(run.stdout).not.toContain("ls-secret");
  });

  it("tells an HTTP server that is not an emulator apart from nothing answering", async () => {
    const { createServer } = await import("node:http");
    const server = createServer((_request, response) => response.end("hello"));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    closers.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
    const { port } = server.address() as import("node:net").AddressInfo;
    const runtime = fakeEmulatorHost();
    const endpoint = `http://127.0.0.1:${port}`;
    const run = await runCli(["doctor", "--json", "--endpoint", endpoint], {
      env: {},
      cwd: await dirs.make(),
      enginePorts: { emulatorHost: async () => runtime, clock: systemClock },
    });
    expect(run.code).toBe(3);
    const emulatorLine = run.lines().find((line) => line.step === "doctor.emulator");
    expect(emulatorLine?.message).toContain(`${endpoint} answers, but not as an AWS emulator (HTTP 200`);
    expect(emulatorLine?.message).not.toContain("nothing answers");
  });

  it("keeps undici's reason for a refused URL instead of 'fetch failed'", async () => {
    const probe = await probeEmulator("http://127.0.0.1:1");
    expect(probe).toEqual({ state: "unreachable", detail: "bad port" });
  });
});
