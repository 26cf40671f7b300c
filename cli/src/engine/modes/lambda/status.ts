import { activeOf } from "../../state/resources.ts";
import type { ComputeStatus, StatusInput } from "../compute-mode.ts";

/**
 * The function the API points at (else the one the ledger recorded) as the emulator has it. Drift:
 * deleted or lost with an emulator restart, not Active, or the API points elsewhere.
 */
export async function lambdaStatus({ ledger, emulator, aws, api }: StatusInput): Promise<ComputeStatus> {
  const none: ComputeStatus = { container: null, function: null, drift: [] };
  if (aws === undefined || emulator === undefined) return none;
  const drift: string[] = [];
  const recordedFunction = activeOf(ledger, "function").at(-1);
  const servedArn = api?.target?.startsWith("arn:") === true ? api.target : undefined;
  const name = servedArn?.split(":").at(-1) ?? recordedFunction?.name;
  if (name === undefined) return none;
  let fn: ComputeStatus["function"] = null;
  const found = await aws.functions.get(name);
  if (found === undefined) {
    drift.push(
      `function ${name} is ${servedArn === undefined ? "recorded" : "what the API points at"} but missing (deleted, or the emulator restarted?)`,
    );
  } else {
    fn = {
      name: found.name,
      state: found.state,
      packageType: found.packageType,
      image: found.imageUri ?? null,
    };
    if (found.state !== "Active")
      drift.push(
        `function ${found.name} is ${found.state}${found.stateReason === undefined ? "" : ` (${found.stateReason})`}`,
      );
  }
  if (api !== null && servedArn === undefined)
    drift.push(`the API's integration points at ${api.target ?? "nothing"}, not at function ${name}`);
  return { container: null, function: fn, drift };
}
