import { networkInterfaces } from "node:os";
import type { ContainerNetworks } from "../engine/ports.ts";
import { type DockerClient, dockerStatus, labelFilters, unlessAbsent } from "./docker-client.ts";

/** 172.17.0.0/16 → 172.17.0.1 (IPv4 only). */
function firstHost(subnet: string | undefined): string | undefined {
  const match = /^(\d+)\.(\d+)\.(\d+)\.(\d+)\/(\d+)$/.exec(subnet ?? "");
  if (match === null) return undefined;
  const [a, b, c, d, bits] = match.slice(1).map(Number) as [number, number, number, number, number];
  const base = (((a << 24) | (b << 16) | (c << 8) | d) >>> 0) & (bits === 0 ? 0 : (~0 << (32 - bits)) >>> 0);
  const host = (base + 1) >>> 0;
  return [host >>> 24, (host >>> 16) & 255, (host >>> 8) & 255, host & 255].join(".");
}

export function dockerNetworks(client: DockerClient): ContainerNetworks {
  const existing = async (name: string) =>
    unlessAbsent(async () => ((await (await client()).getNetwork(name).inspect()) as { Id: string }).Id);
  return {
    async ensureNetwork(name, labels) {
      const found = await existing(name);
      if (found !== undefined) return { id: found, created: false };
      try {
        const created = await (await client()).createNetwork({
          Name: name,
          Driver: "bridge",
          Labels: labels,
          CheckDuplicate: true,
        });
        return { id: created.id, created: true };
      } catch (error) {
        // Created concurrently by a parallel run of the same stack: use it.
        if (dockerStatus(error) !== 409) throw error;
        const id = ((await (await client()).getNetwork(name).inspect()) as { Id: string }).Id;
        return { id, created: false };
      }
    },
    async removeNetwork(name) {
      await unlessAbsent(async () => (await client()).getNetwork(name).remove());
    },
    async findNetworks(labels) {
      const found = await (await client()).listNetworks({ filters: { label: labelFilters(labels) } });
      return found.map((network) => ({ id: network.Id, name: network.Name }));
    },
    async bridgeGateway() {
      const bridge = await unlessAbsent(
        async () =>
          (await (await client()).getNetwork("bridge").inspect()) as {
            IPAM?: { Config?: { Gateway?: string; Subnet?: string }[] };
            Options?: Record<string, string>;
          },
      );
      if (bridge === undefined) return undefined;
      const listed = bridge.IPAM?.Config?.map((config) => config.Gateway).find((gateway) => gateway);
      if (listed !== undefined) return listed;
      // Docker 20.10 leaves IPAM's Gateway empty for the default bridge: the interface's own address,
      // which Node lists only while the bridge carries a container (an idle one is NO-CARRIER); else
      // the subnet's first host, the address Docker gives the bridge by default.
      const name = bridge.Options?.["com.docker.network.bridge.name"] ?? "docker0";
      const own = networkInterfaces()[name]?.find((address) => address.family === "IPv4")?.address;
      return own ?? firstHost(bridge.IPAM?.Config?.map((config) => config.Subnet).find((subnet) => subnet));
    },
  };
}
