import { afterAll, describe, expect, it } from "vitest";
import { freePort } from "../../test/support/free-port.ts";
import { detectTier } from "../../test/support/tiers.ts";
import { netHostPorts } from "../src/adapters/host-ports.ts";
import { portTakenAtBind } from "../src/engine/modes/container/host-port.ts";
import { baseImageReady } from "./support/base-image.ts";
import { testContainers } from "./support/test-containers.ts";

// The port race of parallel `up`s (another stack binds between our check and Docker's bind): what the
// real engine answers then is what deploy-container.ts recognises and falls back from.
const tier = await detectTier({ docker: true, emulator: false }, import.meta.url);
const imageReady = await baseImageReady(tier, import.meta.url);

describe.skipIf(!imageReady)("a host port taken at bind time", () => {
  const containers = testContainers();
  afterAll(() => containers.removeAll());

  it("is refused by Docker with the message deploy-container.ts falls back from", async () => {
    const port = await freePort();
    const publish = (name: string) => ({
      Image: tier.env.baseImage,
      name,
      Cmd: ["node", "-e", "setTimeout(() => {}, 120000)"],
      Labels: { "stackctl.test": "port-bind" },
      ExposedPorts: { "8080/tcp": {} },
      HostConfig: { PortBindings: { "8080/tcp": [{ HostIp: "127.0.0.1", HostPort: String(port) }] } },
    });
    const suffix = `${process.pid}-${port}`;
    await containers.start(publish(`stackctl-test-bind-a-${suffix}`));
    expect(await netHostPorts.isFree(port)).toBe(false);
    const refused = await containers.start(publish(`stackctl-test-bind-b-${suffix}`)).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(refused, "the second bind must fail").toBeInstanceOf(Error);
    expect(portTakenAtBind(refused)).toBe(true);
    expect(portTakenAtBind(new Error("no such image"))).toBe(false);
  });
});
