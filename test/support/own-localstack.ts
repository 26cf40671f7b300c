import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { freePort } from "./free-port.ts";
import { repoRoot } from "./test-env.ts";

const script = path.join(repoRoot, "test/support/own-localstack.sh");

// Not spawnSync: other tests of the file run at the same time in this process.
async function run(...args: string[]): Promise<void> {
  await promisify(execFile)("bash", [script, ...args], { encoding: "utf8", timeout: 180_000 }).catch(
    (error: { code?: unknown; stderr?: string }) => {
      throw new Error(
        `own-localstack.sh ${args.join(" ")} exited ${String(error.code)}:\n${error.stderr ?? ""}`,
      );
    },
  );
}

/**
 * A LocalStack this test starts, stops and restarts itself, on a free port, through the harness's
 * own start and stop code (test/support/own-localstack.sh → scripts/test-env/localstack.sh): the same
 * pinned localstack-core venv and stand-ins as the shared one, bound to 127.0.0.1 and the docker bridge
 * gateway. Its state is in memory: a restart loses it. The shared LocalStack is never touched.
 */
export async function ownLocalStack(gateway: string, sharedEndpoint?: string) {
  const port = await freePort();
  const endpoint = `http://127.0.0.1:${port}`;
  const sharedPort = sharedEndpoint === undefined ? "none" : new URL(sharedEndpoint).port;
  const start = () => run("start", String(port), gateway, sharedPort);
  await start();
  return {
    endpoint,
    port,
    /** Stopped and started again by its PID file; `start` clears its in-memory state's folders. */
    restart: async () => {
      await run("stop", String(port));
      await start();
    },
    close: async () => run("close", String(port)),
  };
}
