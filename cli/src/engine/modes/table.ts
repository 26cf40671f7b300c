import type { z } from "zod";

/**
 * One compute mode in the table: its name, the schema of its `deploy` block in `up`'s result, and
 * its implementation; both are loaded only when needed (so `--help` loads neither the engine nor
 * zod; `cli/test/lazy-imports.test.ts` guards it).
 */
export interface ModeEntry {
  name: string;
  /** One line for help and docs. */
  summary: string;
  /** `up`'s `deploy` object when this mode deployed (`status: "deployed"`, `mode: <name>`). */
  resultSchema(): Promise<z.ZodType<{ status: "deployed"; mode: string; retired: string[] }>>;
  /**
   * The mode's `ComputeMode`; `modes/load.ts` checks it is one. Not typed as one here: the table is
   * read by the config and the result schemas, which the ComputeMode's own types reach (no import cycle).
   */
  load(): Promise<unknown>;
}

// A new mode: a folder under engine/modes/ exporting a ComputeMode, and one line here.
const entries: ModeEntry[] = [
  {
    name: "container",
    summary: "an ECS-style Docker container behind API Gateway (HTTP_PROXY)",
    resultSchema: async () => (await import("./container/result-schema.ts")).containerDeployed,
    load: async () => (await import("./container/mode.ts")).containerMode,
  },
  {
    name: "lambda",
    summary: "a Lambda function (container image or zip) behind API Gateway (AWS_PROXY)",
    resultSchema: async () => (await import("./lambda/result-schema.ts")).lambdaDeployed,
    load: async () => (await import("./lambda/mode.ts")).lambdaMode,
  },
];

/** The mode `up` deploys when neither `--mode`, `STACKCTL_MODE` nor the config names one (README). */
export const defaultModeName = "lambda";

/** The modes `--mode`, `switch` and the config accept, in table order. */
export function modeNames(): string[] {
  return entries.map((entry) => entry.name);
}

export function isModeName(value: string): boolean {
  return entries.some((entry) => entry.name === value);
}

export function modeEntries(): readonly ModeEntry[] {
  return entries;
}

/** `--mode container or --mode lambda`, for hints. */
export function modeFlags(): string {
  return modeNames()
    .map((name) => `--mode ${name}`)
    .join(" or ");
}

/**
 * Adds a mode to the table for this process and returns what takes it out again. The product's
 * modes are the lines above; this is for a mode that lives outside `cli/src` (the seam's own test
 * registers a third one).
 */
export function registerComputeMode(entry: ModeEntry): () => void {
  if (isModeName(entry.name)) throw new Error(`compute mode ${entry.name} is already registered`);
  entries.push(entry);
  return () => {
    const at = entries.indexOf(entry);
    if (at >= 0) entries.splice(at, 1);
  };
}
