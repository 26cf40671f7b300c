import type { Capabilities } from "../engine/emulator/capabilities.ts";
import type { EmulatorSession } from "../engine/emulator/ensure.ts";
import type { EmulatorInfo } from "../engine/emulator/probe.ts";
import type { EmulatorData } from "./schemas/emulator.ts";

interface EmulatorFacts {
  endpoint: string;
  /** Undefined when nothing answered (or, under up --dry-run, when it was not started). */
  info: EmulatorInfo | undefined;
  problem: string | null;
  managed: boolean;
  startedByStackctl: boolean;
  capabilities: Capabilities | undefined;
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
  const rest = { managed, startedByStackctl, capabilities };
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
): EmulatorData {
  return emulatorData({ ...session, problem: null, capabilities });
}
