import { createServer, type Server, connect as tcpConnect } from "node:net";
import Docker from "dockerode";
import { pack } from "tar-fs";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { freePort } from "../../test/support/free-port.ts";
import { newTestRun, removeLabelled } from "../../test/support/test-labels.ts";
import { detectTier } from "../../test/support/tiers.ts";
import { e2eStacks } from "./support/e2e-stacks.ts";
import { okData } from "./support/nd-json.ts";

// What a user can get wrong around container mode, each through the real CLI: a clear error code,
// the exit code the README documents, and the previous deployment still serving.
const tier = await detectTier({ docker: true, emulator: true }, import.meta.url);
const docker = new Docker();
const run = newTestRun("container-faults");

interface UpData {
  apiUrl: string;
  directUrl: string;
  resources: { containerId: string };
  deploy: { portNote?: string };
}

function listen(server: Server, port: number): Promise<void> {
  return new Promise((resolve) => server.listen(port, "127.0.0.1", resolve));
}

/** A TCP proxy on 127.0.0.1 only, in front of the emulator: what a loopback-bound emulator looks like to containers. */
async function loopbackOnlyEmulator(target: URL): Promise<{ url: string; close: () => Promise<void> }> {
  const server = createServer((client) => {
    const upstream = tcpConnect(Number(target.port), target.hostname);
    client.pipe(upstream).pipe(client);
    client.on("error", () => upstream.destroy());
    upstream.on("error", () => client.destroy());
  });
  const port = await freePort();
  await listen(server, port);
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** The node base with a `node` that refuses to start the server (as a service that crashes at start would). */
async function crashingBaseImage(base: string): Promise<string> {
  const tag = `stackctl-test/crashing-node:${run.id}`;
  const dockerfile = [
    `FROM ${base}`,
    "USER root",
    "RUN mv /usr/local/bin/node /usr/local/bin/node.real && printf '%s\\n' '#!/bin/sh' " +
      `'case "$*" in *server.js*) echo "boom: the service cannot start" >&2; exit 3;; esac' ` +
      `'exec /usr/local/bin/node.real "$@"' > /usr/local/bin/node && chmod 755 /usr/local/bin/node`,
  ].join("\n");
  const { mkdtemp, writeFile, rm } = await import("node:fs/promises");
  const os = await import("node:os");
  const dir = await mkdtemp(`${os.tmpdir()}/crashing-base-`);
  await writeFile(`${dir}/Dockerfile`, `${dockerfile}\n`);
  const stream = await docker.buildImage(pack(dir) as unknown as NodeJS.ReadableStream, {
    t: tag,
    labels: run.labels,
  });
  await new Promise((resolve, reject) =>
    docker.modem.followProgress(stream, (error) => (error ? reject(error) : resolve(undefined))),
  );
  await rm(dir, { recursive: true, force: true });
  return tag;
}

describe.skipIf(tier.skipReason !== undefined)("container mode: faults a user can cause", () => {
  const stacks = e2eStacks(tier.env.endpoint);
  afterEach(() => stacks.cleanup());
  afterAll(() => removeLabelled(docker, run));

  it("a busy container port: published on a free one instead, and said so", async () => {
    const port = await freePort();
    const squatter = createServer();
    await listen(squatter, port);
    try {
      const { cliWith } = await stacks.create("busy");
      const second = await cliWith(
        { STACKCTL_CONTAINER_PORT: String(port) },
        "up",
        "--mode",
        "container",
        "--json",
      );
      expect(second.code, second.stdout).toBe(0);
      const data = okData<UpData>(second.stdout);
      expect(data.deploy.portNote).toBe(
        `port ${port} is busy, published on ${new URL(data.directUrl).port} instead`,
      );
      expect(new URL(data.directUrl).port).not.toBe(String(port));
      expect((await fetch(`${data.apiUrl}inventory/SKU-1`)).status).toBe(200);
    } finally {
      await new Promise((resolve) => squatter.close(resolve));
    }
  });

  it("an emulator that listens on 127.0.0.1 only: EMULATOR_UNREACHABLE_FROM_CONTAINERS (exit 3) before any service starts", async () => {
    const proxy = await loopbackOnlyEmulator(new URL(tier.env.endpoint));
    try {
      const { cli, stack } = await stacks.create("loopback");
      stacks.onCleanup(() => cli("down", "--purge", "--endpoint", proxy.url));
      const up = await cli("up", "--mode", "container", "--endpoint", proxy.url, "--json");
      expect(up.code, up.stdout).toBe(3);
      expect(up.result()).toMatchObject({
        ok: false,
        error: {
          code: "EMULATOR_UNREACHABLE_FROM_CONTAINERS",
          message: expect.stringContaining(`http://host.docker.internal:${new URL(proxy.url).port}`),
          hint: expect.stringContaining("STACKCTL_CONTAINER_ENDPOINT"),
        },
      });
      const services = await docker.listContainers({
        all: true,
        filters: { label: [`dev.stackctl.stack=${stack}`] },
      });
      expect(services).toEqual([]);
    } finally {
      await proxy.close();
    }
  });

  it("a service that exits at start: CONTAINER_UNHEALTHY with its log tail; the previous deployment keeps serving", async () => {
    const { cli, cliWith, stack } = await stacks.create("crash");
    const good = await cli("up", "--mode", "container", "--json");
    expect(good.code, good.stdout).toBe(0);
    const before = okData<UpData>(good.stdout);

    const crashing = { STACKCTL_BASE_IMAGE: await crashingBaseImage(tier.env.baseImage) };
    const bad = await cliWith(crashing, "up", "--mode", "container", "--json");
    expect(bad.code, bad.stdout).toBe(1);
    expect(bad.result()).toMatchObject({
      ok: false,
      error: { code: "CONTAINER_UNHEALTHY", message: expect.stringContaining("exited with code 3") },
    });
    const again = await cli("up", "--mode", "container", "--json");
    expect(again.code, again.stdout).toBe(0); // the good image again: unchanged, still serving
    expect(okData<UpData>(again.stdout).resources.containerId).toBe(before.resources.containerId);
    // The failed container was removed, the old one served throughout.
    const left = await docker.listContainers({
      all: true,
      filters: { label: [`dev.stackctl.stack=${stack}`] },
    });
    expect(left.map((container) => container.Id)).toEqual([before.resources.containerId]);
    expect((await fetch(`${before.apiUrl}inventory/SKU-1`)).status).toBe(200);
  });

  it("the crash's log tail is printed under the error on a terminal", async () => {
    const { cliWith } = await stacks.create("crash-tail");
    const bad = await cliWith(
      { STACKCTL_BASE_IMAGE: await crashingBaseImage(tier.env.baseImage) },
      "up",
      "--mode",
      "container",
    );
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain("boom: the service cannot start");
    expect(bad.stderr).toContain("CONTAINER_UNHEALTHY");
    expect(bad.stderr).not.toMatch(/\n\s+at .+:\d+:\d+/);
  });

  it("smoke on a broken deployment exits 4 and names the check and the URL", async () => {
    const { cli } = await stacks.create("smoke");
    const up = await cli("up", "--mode", "container", "--json");
    expect(up.code, up.stdout).toBe(0);
    const data = okData<UpData>(up.stdout);
    await docker.getContainer(data.resources.containerId).stop({ t: 1 });
    const smoke = await cli("smoke", "--json");
    expect(smoke.code, smoke.stdout).toBe(4);
    expect(smoke.result()).toMatchObject({
      ok: false,
      error: { code: "SMOKE_FAILED", message: expect.stringContaining(`"health" failed at ${data.apiUrl}`) },
    });
    // One up repairs it: the stopped container is not current any more.
    const repaired = await cli("up", "--mode", "container", "--json");
    expect(repaired.code, repaired.stdout).toBe(0);
    expect((await cli("smoke")).code).toBe(0);
  });
});
