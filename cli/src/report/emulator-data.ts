import type { Capabilities } from "../engine/emulator/capabilities.ts";
import type { EmulatorSession } from "../engine/emulator/ensure.ts";
import type { EmulatorInfo } from "../engine/emulator/probe.ts";
import type { Limitation } from "../engine/profile/limitations.ts";
import type { EmulatorData } from "./schemas/emulator.ts";

interface EmulatorFacts {
  endpoint: string;
  /** Undefined when nothing answered (or, under up --dry-run, when it was not started). */
  info: EmulatorInfo | undefined;
  problem: string | null;
  managed: boolean;
  startedByStackctl: boolean;
  capabilities: Capabilities | undefined;
  limitations?: Limitation[] | undefined;
}

/** The `emulator` object `up`/`switch` and `status` share (schemas/emulator.ts). */
export function emulatorData(facts: EmulatorFacts): EmulatorData {
  const { endpoint, managed, startedByStackctl } = facts;
  const capabilities =
    facts.capabilities === undefined
      ? null
      : {
          ecr: facts.capabilities.ecr,
          imageLambdas: facts.capabilities.imageLambdas,
          notes: facts.capabilities.notes,
        };
  const limitations =
    facts.limitations?.map(({ trait, mode, summary, instead }) => ({ trait, mode, summary, instead })) ??
    null;
  const rest = { managed, startedByStackctl, capabilities, limitations };
  if (facts.info === undefined) {
    const unknown = { kind: null, version: null, edition: null };
    return { endpoint, reachable: false, ...unknown, ...rest, problem: facts.problem };
  }
  const { kind, version, edition } = facts.info;
  return { endpoint, reachable: true, kind, version, edition, ...rest, problem: null };
}

/** What `up` learned about the emulator it used. */
export function sessionEmulatorData(
  session: EmulatorSession,
  capabilities: Capabilities | undefined,
  limitations?: Limitation[],
): EmulatorData {
  return emulatorData({ ...session, problem: null, capabilities, limitations });
}
