import type { ContainerNetworks } from "../engine/ports.ts";
import { type DockerClient, dockerStatus, labelFilters, unlessAbsent } from "./docker-client.ts";

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
  };
}
