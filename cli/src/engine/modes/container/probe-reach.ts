import { StackctlError } from "../../../errors.ts";
import type { ContainerEngine } from "../../ports.ts";
import { roleLabel, stackLabels } from "../../stack-labels.ts";
import type { Placement } from "./placement.ts";

const script = (url: string) =>
  `fetch(${JSON.stringify(`${url}/_localstack/health`)},{signal:AbortSignal.timeout(5000)})` +
  `.then((r)=>{console.log("HTTP "+r.status);process.exit(r.ok?0:2)},(e)=>{console.log(String(e.cause?.code??e.cause?.message??e.message));process.exit(1)})`;

/**
 * Asks from inside a container (the service image itself, which has node) whether the emulator
 * answers at the URL the service will use. An emulator bound to 127.0.0.1 only fails here, before
 * a service is deployed that would answer 503 to every request.
 */
export async function probeEmulatorFromContainer(
  engine: ContainerEngine,
  options: { stack: string; image: string; placement: Placement; port: string },
): Promise<void> {
  const { placement } = options;
  const result = await engine.runOnce(
    {
      name: `stackctl-${options.stack}-probe-${Date.now().toString(36)}`,
      image: options.image,
      env: {},
      labels: { ...stackLabels(options.stack), [roleLabel]: "probe" },
      network: placement.network,
      extraHosts: placement.extraHosts,
      command: ["node", "-e", script(placement.emulatorUrl)],
      restart: "no",
    },
    20_000,
  );
  if (result.exitCode === 0) return;
  // 1: the fetch failed; 2: something else answered; -1: no answer in time. Anything else means
  // node itself could not run in the image: the image is broken, not the network.
  if (![1, 2, -1].includes(result.exitCode))
    throw new StackctlError(
      "CONTAINER_UNHEALTHY",
      {
        name: `from image ${options.image}`,
        detail: `could not run node for the reachability probe (exit ${result.exitCode})`,
      },
      { details: result.output.split("\n").slice(-10) },
    );
  const detail =
    result.exitCode === -1
      ? "no answer within 20 s"
      : result.output.split("\n").at(-1) || `exit ${result.exitCode}`;
  throw new StackctlError("EMULATOR_UNREACHABLE_FROM_CONTAINERS", {
    url: placement.emulatorUrl,
    detail,
    port: options.port,
  });
}
