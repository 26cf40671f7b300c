import { StackctlError } from "../../errors.ts";

const units: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400 };

/** How far back a duration may reach (ten years), and how far ahead a time may be (clock skew). */
const maxBackSeconds = 10 * 365 * 86400;
const skewSeconds = 60;

// ISO 8601 as `Date.parse` reads it reliably: a date, optionally a time and an offset. A bare number
// is not a time (Date.parse("1") is 2001), so `--since 1` is refused rather than guessed.
const isoTime = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/i;

function refuse(value: string, why: string): StackctlError {
  return new StackctlError("USAGE", {
    detail: `--since "${value}" ${why}: use a duration (30s, 10m, 2h, 1d) or a past time (2026-12-01T10:00:00Z)`,
  });
}

/** `--since 10m` / `2h` / `30s` / an ISO time in the past → Unix seconds. */
export function parseSince(value: string, now = Date.now()): number {
  const nowSeconds = Math.floor(now / 1000);
  const text = value.trim();
  const relative = /^(\d+)([smhd])$/.exec(text);
  if (relative?.[1] !== undefined && relative[2] !== undefined) {
    const back = Number(relative[1]) * (units[relative[2]] ?? 1);
    if (!Number.isSafeInteger(back) || back > maxBackSeconds)
      throw refuse(value, "reaches back more than ten years");
    return nowSeconds - back;
  }
  const time = isoTime.test(text) ? Date.parse(text) : Number.NaN;
  if (Number.isNaN(time)) throw refuse(value, "is neither a duration nor a time");
  const seconds = Math.floor(time / 1000);
  if (seconds > nowSeconds + skewSeconds) throw refuse(value, "is in the future");
  if (seconds < 0) throw refuse(value, "is before 1970");
  return seconds;
}
