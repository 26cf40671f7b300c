/**
 * Typed progress events. The engine emits them and never prints; report/ renders them as TTY
 * progress, plain lines or ND-JSON (`{"type":"event", ...event}`, checked by the zod schema in
 * `report/schemas/events.ts`, which must stay equal to these types: a type test there fails otherwise).
 */

/**
 * Every status an event can have, the one list (the schema and the renderers read it).
 * `log`: one line of a long step's own output (a docker build); shown under --verbose and in --json.
 * `line`: a line that is the command's product (`stackctl logs`); always shown.
 * `reload`: one `stackctl dev` reload, with its outcome, what changed and each step's time.
 */
export const stepStatuses = [
  "start",
  "done",
  "skip",
  "fail",
  "plan",
  "explain",
  "warn",
  "log",
  "line",
  "reload",
] as const;
export type StepStatus = (typeof stepStatuses)[number];

/** `replace`: a new one beside the old, which then goes; `check`: a read-only check, changes nothing. */
export const planActions = [
  "create",
  "update",
  "replace",
  "unchanged",
  "keep",
  "delete",
  "check",
  "start",
  "reuse",
  "stop",
] as const;
export type PlanAction = (typeof planActions)[number];

/** A step began. */
export interface StartEvent {
  step: string;
  status: "start";
}

/**
 * A step ended: done, or skipped (nothing to do); `ms` is its wall time, `awsCalls` the AWS API calls
 * it made (absent: none).
 */
export interface EndEvent<Status extends "done" | "skip" = "done" | "skip"> {
  step: string;
  status: Status;
  ms?: number;
  awsCalls?: number;
  message?: string;
}

export interface FailEvent {
  step: string;
  status: "fail";
  ms?: number;
  awsCalls?: number;
  message: string;
}

/** --dry-run: what would happen to which target. */
export interface PlanEvent {
  step: string;
  status: "plan";
  action: PlanAction;
  target: string;
  message?: string;
}

/** --explain: the equivalent shell commands of a step. */
export interface ExplainEvent {
  step: string;
  status: "explain";
  commands: string[];
}

/** Something the user should know that does not stop the step (`warn`), or a step's own output (`log`). */
export interface NoteEvent<Status extends "warn" | "log" = "warn" | "log"> {
  step: string;
  status: Status;
  message: string;
}

/** One line of the command's product: which stream of which source, and when it was written. */
export interface LineEvent {
  step: string;
  status: "line";
  message: string;
  stream: "stdout" | "stderr";
  source: string;
  time?: string;
}

export const reloadOutcomes = ["deployed", "unchanged", "build-failed", "deploy-failed"] as const;
export type ReloadOutcome = (typeof reloadOutcomes)[number];

/**
 * One `stackctl dev` reload: `fast` ships the in-process bundle without an image build, `full` is
 * `up`'s deploy (a dependency or Dockerfile change, a mode switch). `version` is what `GET /`
 * reports afterwards: the new code's when deployed, the old one's still serving when it failed.
 */
export interface ReloadEvent {
  step: string;
  status: "reload";
  outcome: ReloadOutcome;
  path: "fast" | "full";
  mode: string;
  /** Paths relative to the repository, or what asked for it (`r`, `m`). */
  changed: string[];
  ms: number;
  /** Each step's wall time: bundle, then the deploy's own steps. */
  steps: Record<string, number>;
  version?: string;
  message: string;
  /** A failure's details: esbuild's errors as file:line:column, a container's log tail. */
  details?: string[];
}

/** Discriminated by `status`: each status carries exactly its fields. */
export type EngineEvent =
  | StartEvent
  | EndEvent<"done">
  | EndEvent<"skip">
  | FailEvent
  | PlanEvent
  | ExplainEvent
  | NoteEvent<"warn">
  | NoteEvent<"log">
  | LineEvent
  | ReloadEvent;

/** The event of one status, e.g. `EventOf<"plan">`. */
export type EventOf<Status extends StepStatus> = Extract<EngineEvent, { status: Status }>;

export type EmitEvent = (event: EngineEvent) => void;
