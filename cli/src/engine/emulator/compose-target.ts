import type { Secrets } from "../../config/env.ts";
import type { StackctlConfig } from "../../config/schema.ts";
import type { ManagedEmulatorSpec } from "../ports.ts";
import { shellLine, shellQuote } from "../shell-quote.ts";
import { composeFile } from "./pinned-image.ts";

export { stackLabel } from "../stack-labels.ts";

/** The compose network of the stack's managed LocalStack (docker-compose.yml `networks.stack.name`). */
export function managedNetworkName(stack: string): string {
  return `stackctl-${stack}`;
}

/** The compose project, network and labels of a stack's emulator (see docker-compose.yml). */
export function composeTargetFor(config: StackctlConfig, secrets: Secrets): ManagedEmulatorSpec {
  const token = secrets.localstackAuthToken;
  const image = config.emulatorImage;
  return {
    file: composeFile,
    project: `stackctl-${config.stack}`,
    service: "localstack",
    env: {
      STACKCTL_STACK: config.stack,
      STACKCTL_NETWORK: managedNetworkName(config.stack),
      STACKCTL_EMULATOR_PORT: String(config.emulator.port),
      // The label that lets the last stack's `down` stop it (serving.ts).
      STACKCTL_STARTED_BY: "stackctl",
      ...(image === undefined ? {} : { STACKCTL_EMULATOR_IMAGE: image }),
      ...(token === undefined || token === "" ? {} : { LOCALSTACK_AUTH_TOKEN: token }),
    },
  };
}

/** The `docker compose` line a user could type; the auth token is shown as a variable, never its value. */
export function composeCommand(target: ManagedEmulatorSpec, args: string[]): string {
  const vars = Object.entries(target.env).map(([key, value]) =>
    key === "LOCALSTACK_AUTH_TOKEN" ? `${key}="$${key}"` : shellQuote(`${key}=${value}`),
  );
  return [...vars, shellLine("docker", "compose", "-f", target.file, "-p", target.project, ...args)].join(
    " ",
  );
}
