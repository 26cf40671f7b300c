import { StackctlError } from "../../../errors.ts";
import type { FunctionInfo, Functions } from "../../ports.ts";
import { stackTagKey } from "../../stack-labels.ts";
import { type FunctionPlan, functionPrefix } from "./function-spec.ts";

export interface DeployedFunction {
  name: string;
  arn: string;
  codeSha256: string;
  imageUri: string | undefined;
  change: "created" | "unchanged";
  /** The stack's other functions: they serve until the API points at this one, then go. */
  previous: FunctionInfo[];
}

/** The stack's functions: the name prefix finds them, the stack tag proves them ours. */
export async function stackFunctions(functions: Functions, stack: string): Promise<FunctionInfo[]> {
  return (await functions.list(functionPrefix(stack))).filter((fn) => fn.tags[stackTagKey] === stack);
}

function runsPlan(fn: FunctionInfo, plan: FunctionPlan): boolean {
  const { code } = plan.spec;
  const sameCode = code.packageType === "Image" ? fn.imageUri === code.imageUri : fn.packageType === "Zip";
  return fn.state === "Active" && sameCode;
}

/**
 * The function of this spec: kept when it is Active with the same code (a re-run changes
 * nothing), else created beside the stack's others and awaited until Active.
 */
export async function ensureFunction(
  functions: Functions,
  stack: string,
  plan: FunctionPlan,
  expectedZipSha: string | undefined,
): Promise<{ value: DeployedFunction; message: string }> {
  const existing = await stackFunctions(functions, stack);
  const previous = existing.filter((fn) => fn.name !== plan.spec.name);
  const current = existing.find((fn) => fn.name === plan.spec.name);
  if (
    current !== undefined &&
    runsPlan(current, plan) &&
    (expectedZipSha === undefined || current.codeSha256 === expectedZipSha)
  ) {
    return {
      value: {
        name: current.name,
        arn: current.arn,
        codeSha256: current.codeSha256,
        imageUri: current.imageUri,
        change: "unchanged",
        previous,
      },
      message: `${current.name} unchanged (Active)`,
    };
  }
  // A half-made function of an interrupted run (Pending, Failed) makes way for a fresh one.
  if (current !== undefined) await functions.remove(current.name);
  await functions.create(plan.spec);
  let active: FunctionInfo;
  try {
    active = await functions.waitActive(plan.spec.name, 120);
  } catch (error) {
    throw new StackctlError(
      "LAMBDA_NOT_ACTIVE",
      { function: plan.spec.name, detail: (error as Error).message },
      { cause: error },
    );
  }
  return {
    value: {
      name: active.name,
      arn: active.arn,
      codeSha256: active.codeSha256,
      imageUri: active.imageUri,
      change: "created",
      previous,
    },
    message: `created ${active.name} (Active)`,
  };
}
