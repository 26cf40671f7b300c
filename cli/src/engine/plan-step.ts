import type { EngineContext } from "./context.ts";
import type { PlanAction } from "./events.ts";

/** One entry of a dry-run plan: what a step would do to which target. */
export interface PlannedStep {
  step: string;
  action: PlanAction;
  target: string;
  message?: string;
}

/** Actions that leave the world as it is. */
const idle: ReadonlySet<PlanAction> = new Set<PlanAction>(["unchanged", "keep", "check", "reuse"]);

/** --explain: a step's equivalent shell commands, one line each. */
export function explainStep(ctx: EngineContext, step: string, commands: string[]): void {
  if (ctx.explain && commands.length > 0) ctx.emit({ step, status: "explain", commands });
}

/** --dry-run: emits the plan entry (and under --explain its commands) and returns it. */
export function planStep(ctx: EngineContext, entry: PlannedStep, commands: string[] = []): PlannedStep {
  ctx.emit({
    step: entry.step,
    status: "plan",
    action: entry.action,
    target: entry.target,
    ...(entry.message === undefined ? {} : { message: entry.message }),
  });
  explainStep(ctx, entry.step, commands);
  return entry;
}

/** The entries that would change something. */
export function changesOf(entries: readonly PlannedStep[]): PlannedStep[] {
  return entries.filter((entry) => !idle.has(entry.action));
}

/** One line for a plan: "nothing would change", or each change as "create api x, replace container y". */
export function planSummary(entries: readonly PlannedStep[]): string {
  const changes = changesOf(entries);
  if (changes.length === 0) return "nothing would change";
  return `would ${changes.map((entry) => `${entry.action} ${entry.target}`).join(", ")}`;
}

/** An entry not emitted yet, with its commands: what a mode's `planRetire` gives its caller. */
export interface PendingStep extends PlannedStep {
  commands: string[];
}

/** Emits pending entries as plan entries (with their commands under --explain). */
export function emitPlanned(ctx: EngineContext, entries: readonly PendingStep[]): PlannedStep[] {
  return entries.map(({ commands, ...entry }) => planStep(ctx, entry, commands));
}
