import Docker from "dockerode";
import { afterEach, describe, expect, it } from "vitest";
import { detectTier } from "../../test/support/tiers.ts";
import { e2eStacks } from "./support/e2e-stacks.ts";
import { leftovers } from "./support/kill-trials.ts";
import { okData } from "./support/nd-json.ts";
import { requestLoop, seededItem } from "./support/request-loop.ts";

// The heart of the product: the compute behind one URL swapped, under load, data kept.
const tier = await detectTier({ docker: true, emulator: true }, import.meta.url);

interface UpData {
  mode: string;
  apiUrl: string;
  resources: { restApiId: string; containerId: string | null; functionName: string | null };
  deploy: { retired: string[] };
}

describe.skipIf(tier.skipReason !== undefined)("switching modes behind the same URL", () => {
  const stacks = e2eStacks(tier.env.endpoint);
  afterEach(() => stacks.cleanup());

  it("container → lambda → container under a request loop: 0 failed requests, same URL, data kept", async () => {
    const { cli, stack } = await stacks.create("switch");
    const first = await cli("up", "--mode", "container", "--json");
    expect(first.code, first.stdout).toBe(0);
    const start = okData<UpData>(first.stdout);
    const item = `${start.apiUrl}inventory/SWITCH-1`;
    const created = await fetch(`${start.apiUrl}inventory`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ sku: "SWITCH-1", name: "written in container mode", quantity: 3, price: 1.5 }),
    });
    expect(created.status).toBe(201);

    const loop = requestLoop(`${start.apiUrl}inventory/SKU-1`, 240_000, seededItem);
    const toLambda = await cli("switch", "lambda", "--json");
    const toContainer = await cli("up", "--mode", "container", "--json");
    await new Promise((resolve) => setTimeout(resolve, 500));
    await loop.stop();

    expect(toLambda.code, toLambda.stdout).toBe(0);
    expect(toContainer.code, toContainer.stdout).toBe(0);
    const lambda = okData<UpData>(toLambda.stdout);
    const back = okData<UpData>(toContainer.stdout);
    expect([lambda.apiUrl, back.apiUrl]).toEqual([start.apiUrl, start.apiUrl]);
    expect(lambda.resources.restApiId).toBe(start.resources.restApiId);
    expect(lambda).toMatchObject({ mode: "lambda", resources: { functionName: expect.any(String) } });
    expect(lambda.deploy.retired).toEqual(expect.arrayContaining([expect.stringMatching(/^container /)]));
    expect(back.deploy.retired).toEqual(expect.arrayContaining([expect.stringMatching(/^function /)]));
    expect(loop.count()).toBeGreaterThan(20);
    expect(loop.failures).toEqual([]);

    // Data written in container mode was read in lambda mode and is still there.
    const read = (await (await fetch(item)).json()) as { name: string; priceCents: number };
    expect(read).toMatchObject({ name: "written in container mode", priceCents: 150 });
    // Only the current mode's compute is left.
    const status = await cli("status", "--json");
    expect(status.code, status.stdout).toBe(0);
    const docker = new Docker();
    const services = await docker.listContainers({
      filters: { label: [`dev.stackctl.stack=${stack}`, "dev.stackctl.role=service"] },
    });
    expect(services).toHaveLength(1);
  });

  it("--keep-previous keeps the container through a switch to lambda, and a switch back reuses it", async () => {
    const { cli } = await stacks.create("keep");
    const first = okData<UpData>((await cli("up", "--mode", "container", "--json")).stdout);
    const toLambda = await cli("switch", "lambda", "--keep-previous", "--json");
    expect(toLambda.code, toLambda.stdout).toBe(0);
    expect(
      okData<UpData>(toLambda.stdout).deploy.retired.filter((name) => name.startsWith("container ")),
    ).toEqual([]);
    const back = await cli("switch", "container", "--json");
    expect(back.code, back.stdout).toBe(0);
    const reused = okData<UpData & { deploy: { container: { change: string } } }>(back.stdout);
    expect(reused.resources.containerId).toBe(first.resources.containerId);
    expect(reused.deploy.container.change).toBe("unchanged");
    expect(reused.apiUrl).toBe(first.apiUrl);
  });

  it("three stacks up at once in mixed modes each serve their own data; down of one leaves the others serving", async () => {
    const [a, b, c] = await Promise.all(["par-a", "par-b", "par-c"].map((name) => stacks.create(name)));
    if (a === undefined || b === undefined || c === undefined) throw new Error("stacks");
    const ups = await Promise.all([
      a.cli("up", "--mode", "container", "--json"),
      b.cli("up", "--mode", "lambda", "--json"),
      c.cli("up", "--mode", "container", "--json"),
    ]);
    for (const up of ups) expect(up.code, up.stdout).toBe(0);
    const urls = ups.map((up) => okData<UpData>(up.stdout).apiUrl);
    expect(new Set(urls).size).toBe(3);
    // Each stack writes its own item and sees only its own.
    for (const [index, url] of urls.entries()) {
      const response = await fetch(`${url}inventory`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ sku: `OWN-${index}`, name: `stack ${index}`, quantity: 1, priceCents: 1 }),
      });
      expect(response.status).toBe(201);
    }
    for (const [index, url] of urls.entries()) {
      for (const other of [0, 1, 2]) {
        const status = (await fetch(`${url}inventory/OWN-${other}`)).status;
        expect(status, `stack ${index} reading OWN-${other}`).toBe(other === index ? 200 : 404);
      }
    }
    expect((await a.cli("down", "--purge")).code).toBe(0);
    expect(await leftovers(new Docker(), a.stack)).toEqual({ containers: 0, images: 0, networks: 0 });
    for (const stack of [b, c]) expect((await stack.cli("smoke")).code).toBe(0);
  });
});
