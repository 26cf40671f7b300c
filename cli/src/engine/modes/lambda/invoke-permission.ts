import type { Functions } from "../../ports.ts";

export const permissionSid = "stackctl-apigateway";

export function accountOf(arn: string): string {
  return arn.split(":")[4] || "000000000000";
}

export function apiSourceArn(region: string, functionArn: string, apiId: string): string {
  return `arn:aws:execute-api:${region}:${accountOf(functionArn)}:${apiId}/*`;
}

/** Lets the stack's REST API invoke the function (what AWS checks; emulators accept either way). */
export async function ensureInvokePermission(
  functions: Functions,
  fn: { name: string; arn: string },
  region: string,
  apiId: string,
): Promise<"added" | "unchanged"> {
  const sourceArn = apiSourceArn(region, fn.arn, apiId);
  const existing = (await functions.permissions(fn.name)).find(
    (statement) => statement.sid === permissionSid,
  );
  if (existing?.sourceArn === sourceArn) return "unchanged";
  if (existing !== undefined) await functions.removePermission(fn.name, permissionSid);
  await functions.addPermission(fn.name, {
    sid: permissionSid,
    principal: "apigateway.amazonaws.com",
    action: "lambda:InvokeFunction",
    sourceArn,
  });
  return "added";
}
