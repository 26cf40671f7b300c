import { randomBytes } from "node:crypto";
import type Docker from "dockerode";

/** Label key on every container and image a test creates; scripts/test-env/down.sh sweeps it too. */
export const TEST_LABEL = "stackctl.test";

export interface TestRun {
  /** Short unique id for names (ECR repos, functions, APIs) of this run. */
  id: string;
  /** `harness-3f9a1c`: the value of TEST_LABEL on everything this run creates. */
  value: string;
  labels: Record<string, string>;
}

export function newTestRun(prefix: string): TestRun {
  const id = randomBytes(4).toString("hex");
  const value = `${prefix}-${id}`;
  return { id, value, labels: { [TEST_LABEL]: value } };
}

/** Removes containers, then images, carrying this run's label. Best effort: cleanup must not throw. */
export async function removeLabelled(docker: Docker, run: TestRun): Promise<string[]> {
  const problems: string[] = [];
  const filters = { label: [`${TEST_LABEL}=${run.value}`] };
  for (const info of await docker.listContainers({ all: true, filters })) {
    await docker
      .getContainer(info.Id)
      .remove({ force: true })
      .catch((error: Error) => problems.push(`container ${info.Id}: ${error.message}`));
  }
  for (const info of await docker.listImages({ filters })) {
    await docker
      .getImage(info.Id)
      .remove({ force: true })
      .catch((error: Error) => problems.push(`image ${info.Id}: ${error.message}`));
  }
  return problems;
}
