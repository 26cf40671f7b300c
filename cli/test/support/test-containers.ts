import type Docker from "dockerode";
import { lazyDockerClient } from "../../src/adapters/docker-client.ts";

/** Containers a test starts on the real engine, all force-removed by `removeAll` (afterAll). */
export function testContainers() {
  const created: string[] = [];
  const docker = lazyDockerClient();
  return {
    docker,
    /** Creates and starts a container; returns it with its name. */
    async start(
      options: Docker.ContainerCreateOptions,
    ): Promise<{ container: Docker.Container; name: string }> {
      const container = await (await docker()).createContainer(options);
      created.push(container.id);
      await container.start();
      return { container, name: (await container.inspect()).Name.replace(/^\//, "") };
    },
    async removeAll(): Promise<void> {
      const engine = await docker();
      const ids = created.splice(0);
      await Promise.all(
        ids.map((id) =>
          engine
            .getContainer(id)
            .remove({ force: true })
            .catch(() => undefined),
        ),
      );
    },
  };
}
