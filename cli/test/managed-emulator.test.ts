import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { binaryDownloadsCorrection, binaryDownloadsHook } from "../src/engine/emulator/corrections.ts";
import { ensureEmulator } from "../src/engine/emulator/ensure.ts";
import type { EmulatorHost } from "../src/engine/ports.ts";
import { profileFor } from "../src/engine/profile/emulator-profile.ts";
import { tempDirs } from "./support/capture-io.ts";
import { failureOf } from "./support/failure.ts";
import {
  engineContext,
  type FakeEmulator,
  fakeClock,
  fakeEmulatorHost,
  freePort,
  startFakeLocalStack,
  testPorts,
} from "./support/fakes.ts";

const dirs = tempDirs();
const servers: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
  await dirs.cleanup();
});

async function managed(
  runtime: EmulatorHost,
  options: { port?: number; env?: Record<string, string>; dryRun?: boolean } = {},
) {
  const port = options.port ?? (await freePort());
  const ctx = await engineContext(await dirs.make(), { ...options, port });
  return {
    ctx,
    port,
    run: () => ensureEmulator(ctx, testPorts({ emulatorHost: async () => runtime, clock: fakeClock() })),
  };
}

describe("managed LocalStack: preconditions", () => {
  it("says Docker is not installed (exit 3)", async () => {
    const { run } = await managed(fakeEmulatorHost({ docker: async () => ({ state: "missing" }) }));
    const error = await failureOf(run());
    expect(error.code).toBe("DOCKER_MISSING");
    expect(error.exitCode).toBe(3);
    expect(error.hint).toContain("--endpoint");
  });

  it("says the Docker engine is not running, with the reason", async () => {
    const { run } = await managed(
      fakeEmulatorHost({
        docker: async () => ({ state: "down", detail: "connect ENOENT /var/run/docker.sock" }),
      }),
    );
    const error = await failureOf(run());
    expect(error.code).toBe("DOCKER_NOT_RUNNING");
    expect(error.message).toContain("connect ENOENT /var/run/docker.sock");
  });

  it("says docker compose is missing", async () => {
    const { run } = await managed(
      fakeEmulatorHost({ compose: async () => ({ ok: false, detail: "'compose' is not a docker command" }) }),
    );
    expect((await failureOf(run())).code).toBe("COMPOSE_MISSING");
  });

  it("explains an image that is absent and cannot be pulled, and how to carry on", async () => {
    const runtime = fakeEmulatorHost({
      imagePresent: async () => false,
      pull: async () => {
        throw new Error(
          'Error response from daemon: Get "https://registry-1.docker.io/v2/": dial tcp: lookup registry-1.docker.io: no such host',
        );
      },
    });
    const { run, ctx } = await managed(runtime);
    const error = await failureOf(run());
    expect(error.code).toBe("EMULATOR_IMAGE_UNAVAILABLE");
    expect(error.exitCode).toBe(3);
    expect(error.message).toContain("localstack/localstack:4.14.0");
    expect(error.message).toContain("registry-1.docker.io");
    expect(error.hint).toContain("--endpoint");
    expect(runtime.calls).not.toContain("up");
    expect(ctx.events.some((event) => event.status === "warn" && event.message?.includes("pulling"))).toBe(
      true,
    );
  });

  it("refuses a port taken by something that is not an emulator", async () => {
    const busy = createServer((_request, response) => {
      response.statusCode = 404;
      response.end("not here");
    });
    await new Promise<void>((resolve) => busy.listen(0, "127.0.0.1", resolve));
    servers.push({ close: () => new Promise((resolve) => busy.close(() => resolve())) });
    const runtime = fakeEmulatorHost();
    const { run } = await managed(runtime, { port: (busy.address() as AddressInfo).port });
    const error = await failureOf(run());
    expect(error.code).toBe("PORT_BUSY");
    expect(runtime.calls).toEqual([]);
  });
});

describe("managed LocalStack: lifecycle", () => {
  it("reuses a healthy emulator already on the port and never starts a second", async () => {
    const running = await startFakeLocalStack();
    servers.push(running);
    const runtime = fakeEmulatorHost();
    const { run } = await managed(runtime, { port: running.port });
    const { session } = await run();
    expect(session).toMatchObject({
      managed: true,
      startedByStackctl: false,
      info: { kind: "localstack", edition: "community" },
    });
    expect(runtime.calls).toEqual([]);
  });

  it("starts the pinned image with the stack's label, network, port and auth token, then waits for init hooks", async () => {
    const port = await freePort();
    let emulator: FakeEmulator | undefined;
    const runtime = fakeEmulatorHost({
      up: async (target) => {
        runtime.targets.push(target);
        emulator = await startFakeLocalStack(port);
        servers.push(emulator);
      },
    });
    const { run, ctx } = await managed(runtime, { port, env: { LOCALSTACK_AUTH_TOKEN: "ls-secret" } });
    const { session } = await run();
    expect(session).toMatchObject({
      endpoint: `http://127.0.0.1:${port}`,
      startedByStackctl: true,
      info: { kind: "localstack" },
    });
    // The run that starts it says what it exposes (issue 18 item 7), once.
    const exposure = ctx.events.filter(
      (event) => event.status === "warn" && event.message.includes("Docker socket read-write"),
    );
    expect(exposure).toEqual([
      expect.objectContaining({
        step: "emulator",
        message: expect.stringContaining(`127.0.0.1:${port} only`),
      }),
    ]);
    expect(runtime.targets[0]).toMatchObject({
      project: "stackctl-unit",
      service: "localstack",
      env: {
        STACKCTL_STACK: "unit",
        STACKCTL_NETWORK: "stackctl-unit",
        STACKCTL_EMULATOR_PORT: String(port),
        LOCALSTACK_AUTH_TOKEN: "ls-secret",
      },
    });
    expect(runtime.calls).toEqual(["docker", "compose", "imagePresent"]);
  });

  it("does not call it ready while LocalStack's init hooks are still running", async () => {
    const port = await freePort();
    const runtime = fakeEmulatorHost({
      up: async () => {
        const started = await startFakeLocalStack(port);
        started.initDone = false;
        servers.push(started);
      },
    });
    const { run } = await managed(runtime, { port });
    const error = await failureOf(run());
    expect(error.code).toBe("EMULATOR_START_FAILED");
    expect(error.message).toContain("not ready after 10 s");
  });

  it("warns when a LocalStack init hook failed, and carries on", async () => {
    const port = await freePort();
    const runtime = fakeEmulatorHost({
      up: async () => {
        const started = await startFakeLocalStack(port);
        started.initScripts = [{ name: "10-stackctl-ready.sh", state: "ERROR" }];
        servers.push(started);
      },
    });
    const { run, ctx } = await managed(runtime, { port });
    const { session } = await run();
    expect(session.startedByStackctl).toBe(true);
    expect(ctx.events).toContainEqual(
      expect.objectContaining({ status: "warn", message: expect.stringContaining("10-stackctl-ready.sh") }),
    );
  });

  it("reports the binary-download correction the ready.d hook applied, and warns by name when it was left out", async () => {
    for (const state of ["SUCCESSFUL", "ERROR"]) {
      const port = await freePort();
      const runtime = fakeEmulatorHost({
        up: async () => {
          const started = await startFakeLocalStack(port);
          started.initScripts = [
            { name: "10-stackctl-ready.sh", state: "SUCCESSFUL" },
            { name: binaryDownloadsHook, state },
          ];
          servers.push(started);
        },
      });
      const { run, ctx } = await managed(runtime, { port });
      const { session } = await run();
      // Besides the start's exposure notice (asserted above), which every managed start gives.
      const warnings = ctx.events
        .flatMap((event) => (event.status === "warn" ? [event.message] : []))
        .filter((message) => !message.includes("Docker socket read-write"));
      if (state === "SUCCESSFUL") {
        expect(session.info?.corrections).toEqual([binaryDownloadsCorrection]);
        expect(
          profileFor(session.info ?? { kind: "unknown", version: "", edition: "", endpoint: "" })
            .awsProxyBinaryResponses,
        ).toBe("decoded");
        expect(warnings).toEqual([]);
      } else {
        expect(session.info?.corrections).toBeUndefined();
        expect(
          profileFor(session.info ?? { kind: "unknown", version: "", edition: "", endpoint: "" })
            .awsProxyBinaryResponses,
        ).toBe("decoded-for-listed-accept");
        expect(warnings).toEqual([expect.stringContaining("not the known 4.14.0 code")]);
        expect(warnings[0]).toContain("Accept: application/octet-stream");
      }
    }
  });

  it("fails fast with the log tail when the container exits", async () => {
    const runtime = fakeEmulatorHost({
      container: async () => ({ id: "dead", running: false, exitCode: 1, status: "exited" }),
      logTail: async () => ["Starting LocalStack", "ERROR: could not bind docker socket"],
    });
    const { run } = await managed(runtime);
    const error = await failureOf(run());
    expect(error.code).toBe("EMULATOR_START_FAILED");
    expect(error.message).toContain("exited");
    expect(error.details).toContain("ERROR: could not bind docker socket");
  });

  it("recognises a container that stopped for want of an auth token", async () => {
    const runtime = fakeEmulatorHost({
      container: async () => ({ id: "dead", running: false, exitCode: 55, status: "exited" }),
      logTail: async () => ["License activation failed! Please set LOCALSTACK_AUTH_TOKEN"],
    });
    const { run } = await managed(runtime);
    const error = await failureOf(run());
    expect(error.code).toBe("AUTH_TOKEN_REQUIRED");
    expect(error.exitCode).toBe(3);
  });

  it("in --dry-run plans the start and starts nothing", async () => {
    const runtime = fakeEmulatorHost();
    const { run, ctx } = await managed(runtime, { dryRun: true });
    const { session } = await run();
    expect(session).toMatchObject({ info: undefined, startedByStackctl: true });
    expect(ctx.events).toContainEqual(expect.objectContaining({ status: "plan", action: "start" }));
    // Only the cheap pre-checks ran: no pull, no compose up.
    expect(runtime.calls).toEqual(["docker", "compose"]);
  });

  it("in --dry-run still fails when Docker is down, instead of planning a start that cannot happen", async () => {
    const runtime = fakeEmulatorHost({ docker: async () => ({ state: "down", detail: "connect ENOENT" }) });
    const { run } = await managed(runtime, { dryRun: true });
    const error = await failureOf(run());
    expect(error.code).toBe("DOCKER_NOT_RUNNING");
  });
});

describe("named emulator (--endpoint)", () => {
  it("never starts anything and reports an unreachable URL as exit 3", async () => {
    const port = await freePort();
    const runtime = fakeEmulatorHost();
    const ctx = await engineContext(await dirs.make(), { endpoint: `http://127.0.0.1:${port}` });
    const error = await failureOf(
      ensureEmulator(ctx, testPorts({ emulatorHost: async () => runtime, clock: fakeClock() })),
    );
    expect(error.code).toBe("EMULATOR_UNREACHABLE");
    expect(error.message).toContain(`http://127.0.0.1:${port}`);
    expect(error.message).toContain("ECONNREFUSED");
    expect(runtime.calls).toEqual([]);
  });
});
