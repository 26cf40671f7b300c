// "Is an AWS emulator answering there, and which?": what the probe port answers; engine/emulator/probe.ts
// asks the emulator's health endpoint through the Http port.

import type { EmulatorKind } from "../emulator/kinds.ts";

// The one list of emulator kinds lives in engine/emulator/kinds.ts (a leaf module).
export type { EmulatorKind };

export interface EmulatorInfo {
  endpoint: string;
  kind: EmulatorKind;
  version: string;
  edition: string;
  services: Record<string, string>;
  /** What stackctl corrected in this emulator (engine/emulator/corrections.ts); unset or empty: nothing. */
  corrections?: string[];
}

export type ProbeResult =
  | { state: "ready"; info: EmulatorInfo }
  /** Something answers HTTP on the port but it is not an AWS emulator. */
  | { state: "foreign"; detail: string }
  | { state: "unreachable"; detail: string };
