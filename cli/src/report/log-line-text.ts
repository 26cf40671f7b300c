import type { LineEvent } from "../engine/events.ts";
import type { Colour, Paint } from "./style.ts";
import { terminalSafe } from "./terminal-safe.ts";

// pino's numeric levels: https://getpino.io/#/docs/api?id=level-string
const levels: Record<number, [string, Colour]> = {
  10: ["TRACE", "dim"],
  20: ["DEBUG", "dim"],
  30: ["INFO ", "green"],
  40: ["WARN ", "yellow"],
  50: ["ERROR", "red"],
  60: ["FATAL", "red"],
};

const skipped = new Set(["level", "time", "msg", "pid", "hostname", "v"]);

function clock(value: unknown): string {
  const date = typeof value === "number" || typeof value === "string" ? new Date(value) : undefined;
  return date === undefined || Number.isNaN(date.getTime()) ? "" : date.toISOString().slice(11, 23);
}

/**
 * A log line for a terminal: the service's JSON (pino) lines as `time LEVEL msg key=value`, others as
 * they are; either way without the line's own escape sequences or control characters (terminal-safe.ts).
 */
export function logLineText(event: LineEvent, paint: Paint): string {
  const text = event.message;
  let parsed: unknown;
  if (text.startsWith("{")) {
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = undefined;
    }
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    const time = event.time === undefined ? "" : `${paint("dim", clock(event.time))} `;
    const safe = terminalSafe(text);
    return `${time}${event.stream === "stderr" ? paint("red", safe) : safe}`;
  }
  const record = parsed as Record<string, unknown>;
  const [level, colour] = levels[Number(record.level)] ?? ["     ", "dim"];
  const fields = Object.entries(record)
    .filter(([key]) => !skipped.has(key))
    .map(
      ([key, value]) =>
        `${paint("dim", `${terminalSafe(key)}=`)}${terminalSafe(typeof value === "string" ? value : JSON.stringify(value))}`,
    );
  const time = clock(record.time ?? event.time);
  return [paint("dim", time), paint(colour, level), terminalSafe(String(record.msg ?? "")), ...fields]
    .filter((part) => part !== "")
    .join(" ");
}
