import type { z } from "zod";
import { StackctlError } from "../../errors.ts";
import type { ComputeMode } from "./compute-mode.ts";

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
  load(): Promise<ComputeMode>;
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

/** The implementation of a mode the table has; a name it lacks is a usage error. */
export async function loadComputeMode(name: string): Promise<ComputeMode> {
  const entry = entries.find((candidate) => candidate.name === name);
  if (entry === undefined)
    throw new StackctlError("UNKNOWN_MODE", {
      mode: name,
      where: "the ledger",
      modes: modeNames().join(", "),
    });
  return entry.load();
}

/** Every mode but `name`, loaded: the ones whose compute a deploy in `name` retires. */
export async function otherComputeModes(name: string): Promise<ComputeMode[]> {
  return Promise.all(entries.filter((entry) => entry.name !== name).map((entry) => entry.load()));
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
