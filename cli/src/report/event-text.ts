import type { EngineEvent } from "../engine/events.ts";
import { formatMs, type Paint, statusMarks } from "./style.ts";

/** One finished line for an event, shared by the TTY and plain renderings. */
export function eventText(event: EngineEvent, paint: Paint): string[] {
  const { mark, colour } = statusMarks[event.status];
  if (event.status === "explain") {
    return [paint("dim", `  # ${event.step}`), ...event.commands.map((command) => `  $ ${command}`)];
  }
  if (event.status === "log") return [paint("dim", `  ${mark} ${event.message}`)];
  if (event.status === "plan") {
    const detail = event.message === undefined ? "" : paint("dim", `  (${event.message})`);
    return [`${paint(colour, mark)} ${event.action.padEnd(9)} ${event.target}${detail}`];
  }
  const ms = "ms" in event ? event.ms : undefined;
  const time = ms === undefined ? "" : paint("dim", ` (${formatMs(ms)})`);
  const message = !("message" in event) || event.message === undefined ? "" : `  ${event.message}`;
  return [`${paint(colour, mark)} ${event.step}${time}${message}`];
}
