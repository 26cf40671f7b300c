import type { CommandData } from "../types.ts";
import { textAt } from "./fields.ts";

/**
 * `--output env`: the facts a next CI step needs, as KEY=value lines for `$GITHUB_OUTPUT`,
 * `$GITHUB_ENV` or a GitLab dotenv report (docs/ci.md). Every key is always printed (empty when
 * not deployed, such as the direct URL in lambda mode), so a step can rely on it being set. The
 * emulator's URL is not among them: STACKCTL_ENDPOINT in a later step's environment would make
 * `down` treat the managed LocalStack as the user's and leave it running.
 */
export const envKeys = [
  ["STACKCTL_API_URL", ["apiUrl"]],
  ["STACKCTL_DIRECT_URL", ["directUrl"]],
  ["STACKCTL_STACK", ["stack"]],
  ["STACKCTL_MODE", ["mode"]],
  ["STACKCTL_TABLE", ["resources", "table"]],
  ["STACKCTL_BUCKET", ["resources", "bucket"]],
] as const;

/** The commands whose data carries those facts. */
export const envOutputCommands = ["up", "switch", "status"];

export function envLines(data: CommandData): string[] {
  // A value with a line break would smuggle in a second KEY=value line.
  return envKeys.map(([key, path]) => `${key}=${(textAt(data, ...path) ?? "").replace(/[\r\n]/g, "")}`);
}
