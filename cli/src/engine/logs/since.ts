import { StackctlError } from "../../errors.ts";

const units: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400 };

/** `--since 10m` / `2h` / `30s` / an ISO time → Unix seconds. */
export function parseSince(value: string, now = Date.now()): number {
  const relative = /^(\d+)([smhd])$/.exec(value.trim());
  if (relative?.[1] !== undefined && relative[2] !== undefined)
    return Math.floor(now / 1000) - Number(relative[1]) * (units[relative[2]] ?? 1);
  const time = Date.parse(value);
  if (Number.isNaN(time))
    throw new StackctlError("USAGE", {
      detail: `--since "${value}" is neither a duration (30s, 10m, 2h, 1d) nor a time (2026-12-01T10:00:00Z)`,
    });
  return Math.floor(time / 1000);
}
