import { readFile } from "node:fs/promises";
import path from "node:path";
import Docker from "dockerode";
import { afterEach, describe, expect, it } from "vitest";
import { detectTier } from "../../test/support/tiers.ts";
import { e2eStacks } from "./support/e2e-stacks.ts";
import { okData } from "./support/nd-json.ts";

const tier = await detectTier({ docker: true, emulator: true }, import.meta.url);

interface UpData {
  apiUrl: string;
  directUrl: string;
  resources: { restApiId: string; containerId: string };
  image: { tag: string; id: string };
  changed: boolean;
  deploy: { container: { name: string; change: string }; image: { change: string }; api: { change: string } };
}

type Event = { type: string; step?: string; status?: string; message?: string };

async function stackLeftovers(docker: Docker, stack: string) {
  const label = { label: [`dev.stackctl.stack=${stack}`] };
  return {
    containers: (await docker.listContainers({ all: true, filters: label })).length,
    images: (await docker.listImages({ filters: label })).length,
    networks: (await docker.listNetworks({ filters: label })).length,
  };
}

describe.skipIf(tier.skipReason !== undefined)("up --mode container through the real CLI", () => {
  const stacks = e2eStacks(tier.env.endpoint);
  const docker = new Docker();
  afterEach(() => stacks.cleanup());

  it("deploys from nothing, re-runs as a no-op, serves smoke and logs, and down leaves nothing", async () => {
    const { cli, cwd, stack } = await stacks.create("ctr");
    const first = await cli("up", "--mode", "container", "--json");
    expect(first.code, first.stdout + first.stderr).toBe(0);
    const data = okData<UpData>(first.stdout);
    expect(data.apiUrl).toMatch(
      new RegExp(`^http://localhost:\\d+/_aws/execute-api/${data.resources.restApiId}/dev/$`),
    );
    expect(data.directUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(data.image.tag).toMatch(new RegExp(`^stackctl/${stack}-service:[0-9a-f]{12}$`));
    expect(data.deploy).toMatchObject({
      container: { change: "started" },
      image: { change: "built" },
      api: { change: "created" },
    });

    // The API answers with the seeded data, and the direct URL with the same.
    const viaApi = await fetch(`${data.apiUrl}inventory/SKU-1`);
    expect(viaApi.status).toBe(200);
    expect(await viaApi.json()).toMatchObject({ sku: "SKU-1", name: "Blue widget" });
    const health = (await (await fetch(`${data.directUrl}/`)).json()) as { mode: string; version: string };
    expect(health).toEqual({ status: "ok", mode: "container", version: data.image.tag.split(":")[1] });

    // Published on loopback only, as the stack's labelled container.
    const inspect = await docker.getContainer(data.resources.containerId).inspect();
    expect(inspect.HostConfig.PortBindings?.["8080/tcp"]?.[0]?.HostIp).toBe("127.0.0.1");
    expect(inspect.Config.Labels["dev.stackctl.stack"]).toBe(stack);
    expect(inspect.Config.User).toBe("1000:1000");

    // The ledger records what was created, each with its id.
    const ledger = JSON.parse(await readFile(path.join(cwd, ".stackctl", stack, "state.json"), "utf8")) as {
      resources: { kind: string; name: string; id?: string }[];
    };
    const recorded = (kind: string) => ledger.resources.filter((resource) => resource.kind === kind);
    expect(recorded("image").map((resource) => resource.name)).toEqual([data.image.tag]);
    expect(recorded("container").map((resource) => resource.id)).toEqual([data.resources.containerId]);
    expect(recorded("rest-api").map((resource) => resource.id)).toEqual([data.resources.restApiId]);
    // Not the managed compose network's name (stackctl-<stack>), which compose would then refuse.
    expect(recorded("network").map((resource) => resource.name)).toEqual([`stackctl-${stack}-svc`]);

    const again = await cli("up", "--mode", "container", "--json");
    expect(again.code, again.stdout).toBe(0);
    const second = okData<UpData>(again.stdout);
    expect(second.resources.containerId).toBe(data.resources.containerId);
    expect(second.apiUrl).toBe(data.apiUrl);
    expect(second.changed).toBe(false);
    expect(second.deploy).toMatchObject({
      container: { change: "unchanged" },
      image: { change: "unchanged" },
      api: { change: "unchanged" },
    });
    const events = again.lines() as Event[];
    expect(events.find((e) => e.step === "image.container" && e.status === "done")?.message).toContain(
      "unchanged",
    );
    expect(events.some((e) => e.step === "image.container" && e.status === "log")).toBe(false);

    const smoke = await cli("smoke", "--json");
    expect(smoke.code, smoke.stdout).toBe(0);
    expect(smoke.result()).toMatchObject({
      ok: true,
      data: { url: data.apiUrl.replace(/\/$/, ""), mode: "container" },
    });

    const logs = await cli("logs", "--json");
    expect(logs.code, logs.stdout).toBe(0);
    const lines = (logs.lines() as Event[]).filter((e) => e.status === "line").map((e) => e.message ?? "");
    expect(lines.some((line) => line.includes('"path":"/file/download/sample.txt"'))).toBe(true);

    const down = await cli("down", "--json");
    expect(down.code, down.stdout).toBe(0);
    // Removed through the ledger's removers, newest first: the API, then the container, then
    // what it used (network and image, in the order they were recorded).
    const removedSteps = (down.lines() as Event[])
      .filter((e) => e.status === "done" && /^remove\.(rest-api|container|image|network)$/.test(e.step ?? ""))
      .map((e) => e.step);
    expect(removedSteps.slice(0, 2)).toEqual(["remove.rest-api", "remove.container"]);
    expect([...removedSteps.slice(2)].sort()).toEqual(["remove.image", "remove.network"]);
    expect(await stackLeftovers(docker, stack)).toEqual({ containers: 0, images: 0, networks: 0 });
    const gone = await fetch(`${data.apiUrl}inventory/SKU-1`);
    expect(gone.status).not.toBe(200);
    // Idempotent: a second down finds nothing and succeeds.
    expect((await cli("down")).code).toBe(0);
  });
});
