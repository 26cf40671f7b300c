import type { StepStatus } from "../engine/events.ts";

const codes = { red: 31, green: 32, yellow: 33, cyan: 36, dim: 2, bold: 1 } as const;
export type Colour = keyof typeof codes;

export type Paint = (colour: Colour, text: string) => string;

export function painter(enabled: boolean): Paint {
  return (colour, text) => (enabled ? `\u001b[${codes[colour]}m${text}\u001b[0m` : text);
}

export const statusMarks: Record<StepStatus, { mark: string; colour: Colour }> = {
  start: { mark: "→", colour: "dim" },
  done: { mark: "✓", colour: "green" },
  skip: { mark: "–", colour: "yellow" },
  fail: { mark: "✗", colour: "red" },
  plan: { mark: "•", colour: "cyan" },
  explain: { mark: "$", colour: "dim" },
  warn: { mark: "!", colour: "yellow" },
  log: { mark: "│", colour: "dim" },
  line: { mark: "", colour: "dim" },
  reload: { mark: "↻", colour: "cyan" },
};

export function formatMs(ms: number | undefined): string {
  if (ms === undefined) return "";
  return ms >= 1000 ? `${(ms / 1000).toFixed(1)} s` : `${ms} ms`;
}
