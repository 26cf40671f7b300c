import type { Clock, FunctionInfo, Functions, Registry } from "../../ports.ts";
import type { LedgerWriter } from "../../state/ledger-writer.ts";
import { forgetResource } from "../../state/resources.ts";
import { stackFunctions } from "./deploy-function.ts";
import { permissionSid } from "./invoke-permission.ts";
import type { LambdaPorts } from "./lambda-ports.ts";

/**
 * How long an old function keeps running after the API moved on: requests it accepted just before
 * finish first (ministack's DeleteFunction kills its containers, busy ones included).
 */
export const drainMs = 2_000;

/** Removes the functions the API no longer points at, with their permission and pushed image tag. */
export async function retireFunctions(
  ports: { functions: Functions; registry: Registry | undefined },
  clock: Clock,
  signal: AbortSignal,
  old: FunctionInfo[],
  keepImageUri: string | undefined,
): Promise<string[]> {
  if (old.length === 0) return [];
  await clock.sleep(drainMs, signal);
  const removed: string[] = [];
  for (const fn of old) {
    await ports.functions.removePermission(fn.name, permissionSid);
    await ports.functions.remove(fn.name);
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
): Promise<string[]> {
  const functions = await stackFunctions(ports.functions, stack).catch(() => []);
  if (functions.length === 0) return [];
  const removed = await retireFunctions(ports, clock, signal, functions, undefined);
  for (const fn of functions) forgetResource(state.ledger, "function", fn.name);
  await state.save();
  return removed;
}
