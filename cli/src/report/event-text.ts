import type { EngineEvent, EventOf } from "../engine/events.ts";
import { formatMs, type Paint, statusMarks } from "./style.ts";

/** One finished line for an event, shared by the TTY and plain renderings. */
export function eventText(event: EngineEvent, paint: Paint): string[] {
  const { mark, colour } = statusMarks[event.status];
  if (event.status === "explain") {
    return [paint("dim", `  # ${event.step}`), ...event.commands.map((command) => `  $ ${command}`)];
  }
  if (event.status === "log") return [paint("dim", `  ${mark} ${event.message}`)];
  if (event.status === "reload") return reloadText(event, paint);
  if (event.status === "plan") {
    const detail = event.message === undefined ? "" : paint("dim", `  (${event.message})`);
    return [`${paint(colour, mark)} ${event.action.padEnd(9)} ${event.target}${detail}`];
  }
  const ms = "ms" in event ? event.ms : undefined;
  const time = ms === undefined ? "" : paint("dim", ` (${formatMs(ms)})`);
  const message = !("message" in event) || event.message === undefined ? "" : `  ${event.message}`;
  return [`${paint(colour, mark)} ${event.step}${time}${message}`];
}

const reloadColours = {
  deployed: "green",
  unchanged: "dim",
  "build-failed": "red",
  "deploy-failed": "red",
} as const;

/**
 * `stackctl dev`: one line per reload, what changed, the total, the new version and each step's
 * time; a failure's details (esbuild's file:line:column, a log tail) beneath.
 */
function reloadText(event: EventOf<"reload">, paint: Paint): string[] {
  const changed =
    event.changed.length <= 2
      ? event.changed.join(", ")
      : `${event.changed[0]} and ${event.changed.length - 1} more`;
  const steps = Object.entries(event.steps)
    .map(([name, ms]) => `${name} ${formatMs(ms)}`)
    .join(" · ");
  const version = event.version === undefined ? "" : ` → ${event.version}`;
  const head = `${paint(reloadColours[event.outcome], statusMarks.reload.mark)} ${event.path} ${event.mode} ${formatMs(event.ms)} ${changed}${version}  ${event.message}`;
  return [
    head,
    ...(steps === "" ? [] : [paint("dim", `    ${steps}`)]),
    ...(event.details ?? []).map((line) => `    ${line}`),
  ];
}
