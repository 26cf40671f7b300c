import { isEnvironmentError } from "../../classify-error.ts";
import type { Roles } from "../../ports.ts";
import { stackTagKey } from "../../stack-labels.ts";

export interface ExecutionRole {
  name: string;
  arn: string;
  change: "created" | "unchanged" | "assumed";
}

export function roleName(stack: string): string {
  return `stackctl-${stack}-lambda`;
}

export const assumeRolePolicy = JSON.stringify({
  Version: "2012-10-17",
  Statement: [{ Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" }],
});

/**
 * The function's execution role, created through IAM and tagged with the stack. An emulator
 * without IAM accepts any role ARN, so then the ARN is only named ("assumed").
 */
export async function ensureExecutionRole(
  roles: Roles,
  stack: string,
  accountId: string,
): Promise<{ value: ExecutionRole; message: string }> {
  const name = roleName(stack);
  try {
    const existing = await roles.get(name);
    if (existing !== undefined)
      return { value: { name, arn: existing.arn, change: "unchanged" }, message: `${name} unchanged` };
    const created = await roles.create({
      name,
      assumeRolePolicy,
      tags: { [stackTagKey]: stack },
      description: `stackctl: execution role of stack ${stack}'s function`,
    });
    return { value: { name, arn: created.arn, change: "created" }, message: `created ${created.arn}` };
  } catch (error) {
    if (!isEnvironmentError(error)) throw error;
    const arn = `arn:aws:iam::${accountId}:role/${name}`;
    return {
      value: { name, arn, change: "assumed" },
      message: `IAM did not answer (${(error as Error).message.split("\n")[0]}); using ${arn}, which emulators accept`,
    };
  }
}
