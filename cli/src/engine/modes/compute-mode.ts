import type { UpData } from "../../report/schemas/up.ts";
import type { Connection } from "../connect.ts";
import type { EngineContext } from "../context.ts";
import type { EmulatorInfo } from "../emulator/probe.ts";
import type { ServiceBundle } from "../image/bundle.ts";
import type { PendingStep, PlannedStep } from "../plan-step.ts";
import type { AwsPorts, EnginePorts } from "../ports.ts";
import type { Ledger } from "../state/ledger-schema.ts";
import type { LedgerWriter } from "../state/ledger-writer.ts";
import type { LiveApi, LiveContainer, LiveFunction } from "../status/live.ts";

/**
 * A compute mode: what runs the service behind the stack's REST API. Each mode is a folder under
 * `engine/modes/` exporting one `ComputeMode`, and one line in `engine/modes/table.ts`; `up`,
 * `switch`, `status`, `logs` and `down` reach a mode only through this interface.
 */
export interface ComputeMode {
  /** What `--mode` and the ledger call it. */
  readonly name: string;
  /**
   * `up --dry-run`: what each deploy step would do, from the ledger and what the emulator and
   * Docker have (read-only calls only), emitted as plan entries with, under --explain, each step's
   * equivalent commands.
   */
  plan(input: PlanInput): Promise<PlannedStep[]>;
  /** A switch's plan: what `retire` would remove for the stack (read-only), as `cleanup` entries. */
  planRetire(input: PlanInput): Promise<PendingStep[]>;
  /** The deploy phase of `up`: the service running in this mode behind the stack's API, smoke-tested. */
  deploy(input: DeployInput): Promise<ModeDeployment>;
  /**
   * Removes this mode's compute for the stack once another mode serves the API (a switch), and
   * forgets it in the ledger; returns what went, as "kind name".
   */
  retire(input: RetireInput): Promise<string[]>;
  /** `status`: the mode's compute as it runs now, and what differs from the ledger. */
  status(input: StatusInput): Promise<ComputeStatus>;
  /** `logs`: emits the compute's log lines; undefined when there is nothing to read them from. */
  logs(input: LogsInput): Promise<ShownLogs | undefined>;
  /**
   * The service bundle's entry point this mode runs (`server`, `lambda`): `stackctl dev` builds only
   * that one per save. Unset: every entry.
   */
  readonly devEntry?: string;
  /** Named in `logs`' "not deployed" message: "no <what> for stack …". */
  readonly logsWhat: string;
  /**
   * `down`'s sweep of this mode's own kinds by name and stack tag, after the ledger's resources
   * went through their removers (`down/removers.ts`): what a lost ledger or a killed run left. A
   * mode whose compute is only Docker containers needs none (`down` sweeps labelled containers).
   */
  sweep?(input: SweepInput): Promise<SweepOutcome>;
}

export interface PlanInput {
  ctx: EngineContext;
  deps: EnginePorts;
  connection: Connection;
  /** The stack's ledger as it is (a dry run never writes it). */
  ledger: Ledger;
}

export interface SweepInput {
  ctx: EngineContext;
  deps: EnginePorts;
  /** What the ledger still records is its removers' (kept, or only planned under --dry-run). */
  ledger: Pick<Ledger, "endpoint" | "resources">;
  purge: boolean;
  timings: Record<string, number>;
}

/** What a sweep removed (or would, under --dry-run) and what it kept, with why, as "kind name". */
export interface SweepOutcome {
  removed: string[];
  skipped: string[];
}

export interface DeployInput {
  ctx: EngineContext;
  deps: EnginePorts;
  connection: Connection;
  timings: Record<string, number>;
  state: LedgerWriter;
  /**
   * A `stackctl dev` reload: the bundle is already built (in-process), and the mode ships it the
   * fastest way it has without an image build, beside the old code, through the same API; no smoke.
   */
  reload?: DevReload;
}

export interface DevReload {
  bundle: ServiceBundle;
}

export interface RetireInput {
  ctx: EngineContext;
  deps: EnginePorts;
  aws: AwsPorts;
  state: LedgerWriter;
}

export interface StatusInput {
  ctx: EngineContext;
  deps: EnginePorts;
  ledger: Ledger;
  /** Undefined when the emulator does not answer. */
  emulator: EmulatorInfo | undefined;
  aws: AwsPorts | undefined;
  /** The stack's REST API as found, to check it points at this mode's compute. */
  api: LiveApi | null;
}

/** The compute part of `status --json`'s `deployment`: a container, a function, or neither. */
export interface ComputeStatus {
  container: LiveContainer | null;
  function: LiveFunction | null;
  drift: string[];
}

export interface LogsInput {
  ctx: EngineContext;
  deps: EnginePorts;
  ledger: Ledger | undefined;
  follow: boolean;
  sinceSeconds: number | undefined;
}

export interface ShownLogs {
  source: string;
  lines: number;
}

/** What a mode's deploy hands back: its name, and its part of `up`'s result, already rendered. */
export interface ModeDeployment {
  status: "deployed";
  mode: string;
  apiUrl: string;
  /** What the service's `GET /` answers with now (`stackctl dev` reports it per reload). */
  version?: string;
  result: ModeResult;
}

/** A deployment's contribution to the `up`/`switch` result (`report/up-data.ts` adds the rest). */
export interface ModeResult {
  /** The `deploy` block; its schema is the mode's entry in `engine/modes/table.ts`. */
  deploy: Extract<UpData["deploy"], { status: "deployed" }>;
  directUrl: string | null;
  resources: Pick<UpData["resources"], "restApiId" | "functionName" | "containerId">;
  image: UpData["image"];
  /** Added to the created / updated / unchanged lists. */
  changes: { created: string[]; updated: string[]; unchanged: string[] };
  /** Summary lines in place of "nothing was deployed". */
  summary: string[];
  /** Extra timings (e.g. the cold start), after `total`. */
  timings: Record<string, number>;
}
