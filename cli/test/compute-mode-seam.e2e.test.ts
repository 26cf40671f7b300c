import Docker from "dockerode";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { detectTier } from "../../test/support/tiers.ts";
import { registerComputeMode } from "../src/engine/modes/table.ts";
import { stackLabel } from "../src/engine/stack-labels.ts";
import { loadDeploySchemas } from "../src/report/schemas/deploy.ts";
import { e2eStacks } from "./support/e2e-stacks.ts";
import { okData, parseNdJson } from "./support/nd-json.ts";
import { staticBody, staticModeEntry } from "./support/static-mode.ts";

// The seam's proof: a mode the product does not have, registered through the table alone, goes
// through up, status, logs, switch (both ways) and down of the real engine, in-process.
const tier = await detectTier({ docker: true, emulator: true }, import.meta.url);

interface UpData {
  mode: string;
  apiUrl: string;
  directUrl: string | null;
  resources: { restApiId: string; containerId: string | null };
  deploy: { status: string; mode: string; container?: string; retired: string[] };
}

interface StatusData {
  mode: string | null;
  deployed: boolean;
  apiUrl: string | null;
  deployment: { container: { name: string; state: string } | null; drift: string[]; healthy: boolean };
}

const labelled = async (docker: Docker, stack: string) =>
  (await docker.listContainers({ all: true, filters: { label: [`${stackLabel}=${stack}`] } })).map(
    (container) => container.Names[0]?.replace(/^\//, "") ?? container.Id,
  );

describe.skipIf(tier.skipReason !== undefined)("a third compute mode through the table alone", () => {
  const stacks = e2eStacks(tier.env.endpoint);
  const docker = new Docker();
  let unregister: () => void = () => undefined;
  beforeAll(async () => {
    unregister = registerComputeMode(staticModeEntry);
    await loadDeploySchemas();
  });
  afterEach(() => stacks.cleanup());
  afterAll(() => unregister());

  it("up, status, logs, switch to container and back, down: same URL, only the current mode's compute left", async () => {
    const { cli, stack } = await stacks.create("seam");

    const first = await cli("up", "--mode", "static", "--json");
    expect(first.code, first.stdout + first.stderr).toBe(0);
    const up = okData<UpData>(first.stdout);
    expect(up).toMatchObject({ mode: "static", deploy: { status: "deployed", mode: "static" } });
    expect(await (await fetch(up.apiUrl)).text()).toBe(staticBody(stack));
    expect(await (await fetch(`${up.directUrl}/`)).text()).toBe(staticBody(stack));

    const status = await cli("status", "--json");
    expect(status.code, status.stdout).toBe(0);
    const seen = okData<StatusData>(status.stdout);
    expect(seen).toMatchObject({
      mode: "static",
      deployed: true,
      apiUrl: up.apiUrl,
      deployment: { container: { name: up.deploy.container, state: "running" }, drift: [], healthy: true },
    });

    const logs = await cli("logs", "--json");
    expect(logs.code, logs.stdout).toBe(0);
    const lines = logs.stdout
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line) as { status?: string; message?: string });
    expect(lines.filter((event) => event.status === "line").map((event) => event.message)).toEqual(
      expect.arrayContaining(["static server listening on 8080", "static GET /"]),
    );
    expect(parseNdJson(logs.stdout)).toMatchObject({
      ok: true,
      data: { mode: "static", source: up.deploy.container },
    });

    // A switch to a mode of the product retires the static server through the table.
    const toContainer = await cli("switch", "container", "--json");
    expect(toContainer.code, toContainer.stdout + toContainer.stderr).toBe(0);
    const container = okData<UpData>(toContainer.stdout);
    expect(container.apiUrl).toBe(up.apiUrl);
    expect(container.deploy.retired).toContain(`container ${up.deploy.container}`);
    expect(await labelled(docker, stack)).not.toContain(up.deploy.container);

    // And back: the static mode's deploy retires container mode's service container.
    const back = await cli("switch", "static", "--json");
    expect(back.code, back.stdout + back.stderr).toBe(0);
    const again = okData<UpData>(back.stdout);
    expect(again.apiUrl).toBe(up.apiUrl);
    expect(again.deploy.retired).toEqual(
      expect.arrayContaining([expect.stringMatching(/^container stackctl-.*-service-/)]),
    );
    expect(await (await fetch(again.apiUrl)).text()).toBe(staticBody(stack));
    expect(await labelled(docker, stack)).toEqual([again.deploy.container]);

    const down = await cli("down", "--purge", "--json");
    expect(down.code, down.stdout + down.stderr).toBe(0);
    expect(await labelled(docker, stack)).toEqual([]);
    const after = okData<StatusData>((await cli("status", "--json")).stdout);
    expect(after).toMatchObject({ deployed: false, apiUrl: null });
  });
});
