import type { Clock, ContainerEngine, FunctionInfo, Functions, Registry } from "../../ports.ts";
import { roleLabel, stackLabel } from "../../stack-labels.ts";
import type { LedgerWriter } from "../../state/ledger-writer.ts";
import { forgetResource } from "../../state/resources.ts";
import { removeContainer } from "../container/removers.ts";
import { stackFunctions } from "./deploy-function.ts";
import { stackEnvironments } from "./environments.ts";
import type { LambdaPorts } from "./lambda-ports.ts";
import { deleteFunction } from "./removers.ts";

/**
 * How long an old function keeps running after the API moved on: requests it accepted just before
 * finish first (ministack's DeleteFunction kills its containers, busy ones included).
 */
export const drainMs = 2_000;

/**
 * The execution-environment containers the emulator ran for these functions and has not removed yet.
 * LocalStack stops them after DeleteFunction returns (one was still running when a switch to
 * container mode had finished); the managed LocalStack's carry the function role
 * (LAMBDA_DOCKER_FLAGS) and the function's name in theirs (environments.ts); ministack's carry the
 * stack label of the image they run and no role label, unlike the service container.
 */
async function removeLeftoverEnvironments(
  docker: { engine: ContainerEngine; stack: string },
  functionNames: string[],
): Promise<void> {
  const labelled = (await docker.engine.findContainers({ [stackLabel]: docker.stack })).filter(
    (container) =>
      container.labels[roleLabel] === undefined &&
      functionNames.some((name) => container.name.includes(name)),
  );
  const environments = await stackEnvironments(docker.engine, docker.stack, functionNames);
  for (const container of [...labelled, ...environments])
    await removeContainer(docker.engine, container.id, { drain: false });
}

/**
 * Removes the functions the API no longer points at, with their permission and pushed image tag,
 * and (given the Docker engine the emulator runs them on) their leftover environment containers.
 */
export async function retireFunctions(
  ports: { functions: Functions; registry: Registry | undefined },
  clock: Clock,
  signal: AbortSignal,
  old: FunctionInfo[],
  keepImageUri: string | undefined,
  docker?: { engine: ContainerEngine; stack: string },
): Promise<string[]> {
  if (old.length === 0) return [];
  await clock.sleep(drainMs, signal);
  const removed: string[] = [];
  for (const fn of old) {
    await deleteFunction(ports.functions, fn.name);
    removed.push(`function ${fn.name}`);
    const uri = fn.imageUri;
    if (ports.registry !== undefined && uri !== undefined && uri !== keepImageUri) {
      const { repository, tag } = splitImageUri(uri);
      if (tag !== undefined) {
        await ports.registry.removeImages(repository, [tag]);
        removed.push(`pushed image ${uri}`);
      }
    }
  }
  if (docker !== undefined && (await docker.engine.state()).state === "up")
    await removeLeftoverEnvironments(
      docker,
      old.map((fn) => fn.name),
    );
  return removed;
}

/** `host:port/repo/name:tag` → repository `repo/name` and tag. */
export function splitImageUri(uri: string): { repository: string; tag: string | undefined } {
  const slash = uri.indexOf("/");
  const path = slash === -1 ? uri : uri.slice(slash + 1);
  const colon = path.lastIndexOf(":");
  return colon === -1
    ? { repository: path, tag: undefined }
    : { repository: path.slice(0, colon), tag: path.slice(colon + 1) };
}

/**
 * A switch to container mode: once the API points at the container, the stack's functions (and
 * their pushed tags) drain and go, and the ledger forgets them. Nothing to do without functions or
 * without a Lambda API.
 */
export async function retireLambdaCompute(
  ports: LambdaPorts,
  clock: Clock,
  signal: AbortSignal,
  stack: string,
  state: LedgerWriter,
  engine: ContainerEngine,
): Promise<string[]> {
  const functions = await stackFunctions(ports.functions, stack).catch(() => []);
  if (functions.length === 0) return [];
  const removed = await retireFunctions(ports, clock, signal, functions, undefined, { engine, stack });
  for (const fn of functions) forgetResource(state.ledger, "function", fn.name);
  await state.save();
  return removed;
}
