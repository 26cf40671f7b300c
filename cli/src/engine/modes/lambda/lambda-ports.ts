import type { AwsPorts } from "../../ports.ts";

/** What lambda mode talks through: a part of the AWS ports. */
export type LambdaPorts = Pick<AwsPorts, "functions" | "registry" | "roles" | "logs">;

export function logGroupOf(functionName: string): string {
  return `/aws/lambda/${functionName}`;
}
