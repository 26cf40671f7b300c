import type { ContainerEngine, ContainerStatus, EmulatorHost } from "../engine/ports.ts";
import { composeRunner } from "./compose.ts";
import { createDockerEngine } from "./docker-engine.ts";

/**
 * The managed emulator's host: Compose via ./compose.ts, whose child processes inherit `childEnv`
 * (PATH, DOCKER_HOST, …) plus the target's variables; Docker's state and the compose service's
 * container read through `engine` (by default a dockerode engine on `dockerHost`).
 */
export function createDockerRuntime(options: {
  dockerHost: string | undefined;
  childEnv: Record<string, string | undefined>;
  engine?: ContainerEngine;
}): EmulatorHost {
  const engine = options.engine ?? createDockerEngine(options.dockerHost);
  const compose = composeRunner(options.childEnv);
  return {
    docker: () => engine.state(),
    async compose() {
      const found = await compose.probe();
      return found.ok ? { ok: true, version: found.version } : found;
    },
    async imagePresent(image) {
      return (await engine.inspectImage(image).catch(() => undefined)) !== undefined;
    },
    pull: (target) => compose.run(target, ["pull", target.service]),
    up: (target) => compose.run(target, ["up", "-d", target.service]),
    down: (target) => compose.run(target, ["down", "--remove-orphans"]),
    async container(target): Promise<ContainerStatus | undefined> {
      const [first] = await engine.findContainers({
        "com.docker.compose.project": target.project,
        "com.docker.compose.service": target.service,
      });
      if (first === undefined) return undefined;
      return { id: first.id, running: first.running, exitCode: first.exitCode, status: first.status };
    },
    logTail: (containerId, lines) => engine.logTail(containerId, lines),
  };
}
