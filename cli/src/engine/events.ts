/**
 * Typed progress events. The engine emits them and never prints; report/ renders them as TTY
 * progress, plain lines or ND-JSON (`{"type":"event", ...event}`).
 */
/**
 * `log`: one line of a long step's own output (a docker build); shown under --verbose and in --json.
 * `line`: a line that is the command's product (`stackctl logs`); always shown.
 */
export type StepStatus = "start" | "done" | "skip" | "fail" | "plan" | "explain" | "warn" | "log" | "line";

export type PlanAction = "create" | "update" | "unchanged" | "keep" | "delete" | "start" | "reuse" | "stop";

export interface EngineEvent {
  step: string;
  status: StepStatus;
  /** Wall time of the step, on done/fail. */
  ms?: number;
  message?: string;
  /** On plan events: what would happen to which target. */
  action?: PlanAction;
  target?: string;
  /** On explain events: the equivalent shell commands. */
  commands?: string[];
  /** On line events: which stream of which source, and when it was written. */
  stream?: "stdout" | "stderr";
  source?: string;
  time?: string;
}

export type EmitEvent = (event: EngineEvent) => void;
