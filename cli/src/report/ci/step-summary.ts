import type { StackctlError } from "../../errors.ts";
import type { CommandData } from "../types.ts";
import { textAt, valueAt } from "./fields.ts";

/** The commands that write a `$GITHUB_STEP_SUMMARY` section. */
export const summaryCommands = ["up", "switch", "smoke"];

interface Check {
  name: string;
  ms: number;
}

function checksOf(value: unknown): Check[] {
  if (!Array.isArray(value)) return [];
  return value.filter(
    (check): check is Check =>
      typeof check === "object" &&
      check !== null &&
      typeof check.name === "string" &&
      typeof check.ms === "number",
  );
}

const cell = (text: string) => text.replace(/\|/g, "\\|").replace(/[\r\n]+/g, " ");

/** Step timings as one table row each; the total last. */
function timingRows(timings: Record<string, number>): string[] {
  const entries = Object.entries(timings).filter(([step]) => step !== "total");
  const total = timings.total;
  return [
    "| step | ms |",
    "| --- | ---: |",
    ...entries.map(([step, ms]) => `| ${cell(step)} | ${ms} |`),
    ...(total === undefined ? [] : [`| **total** | ${total} |`]),
  ];
}

function numbers(value: unknown): Record<string, number> {
  if (typeof value !== "object" || value === null) return {};
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>).filter(
      (entry): entry is [string, number] => typeof entry[1] === "number",
    ),
  );
}

/**
 * The Markdown section `up`/`switch`/`smoke` append to `$GITHUB_STEP_SUMMARY` under GitHub Actions:
 * URL, mode, package, timings, smoke checks, or the failure. `stepTimings` are the `done` events'
 * ms, used when the command failed before it had a result.
 */
export function stepSummary(
  command: string,
  outcome: { ok: true; data: CommandData } | { ok: false; error: StackctlError },
  stepTimings: Record<string, number>,
): string {
  if (!outcome.ok) {
    const { error } = outcome;
    return [
      `### ❌ stackctl ${command} failed: \`${error.code}\``,
      "",
      cell(error.message),
      "",
      `**Next step:** ${cell(error.hint)} (exit ${error.exitCode})`,
      "",
      ...(Object.keys(stepTimings).length > 0 ? timingRows(stepTimings) : []),
      "",
    ].join("\n");
  }
  const { data } = outcome;
  const url = command === "smoke" ? textAt(data, "url") : textAt(data, "apiUrl");
  const checks = checksOf(command === "smoke" ? valueAt(data, "checks") : valueAt(data, "deploy", "smoke"));
  const facts: [string, string | undefined][] = [
    ["stack", textAt(data, "stack")],
    ["API URL", url],
    ["direct URL", textAt(data, "directUrl")],
    ["mode", textAt(data, "mode")],
    ["package", textAt(data, "deploy", "package")],
    ["version", textAt(data, "version") ?? textAt(data, "deploy", "version")],
  ];
  const timings = numbers(valueAt(data, "timings"));
  return [
    `### ✅ stackctl ${command}: ${textAt(data, "stack") ?? ""}`,
    "",
    "| | |",
    "| --- | --- |",
    ...facts.flatMap(([name, value]) => (value === undefined ? [] : [`| ${name} | ${cell(value)} |`])),
    "",
    ...(checks.length > 0
      ? [
          `**Smoke checks:** ${checks.length} passed`,
          "",
          "| check | ms |",
          "| --- | ---: |",
          ...checks.map((check) => `| ${cell(check.name)} | ${check.ms} |`),
          "",
        ]
      : []),
    ...(Object.keys(timings).length > 0 ? [...timingRows(timings), ""] : []),
  ].join("\n");
}
