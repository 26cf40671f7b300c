// "Is an AWS emulator answering there, and which?": what the probe port answers; engine/emulator/probe.ts
// asks the emulator's health endpoint through the Http port.

/**
 * The emulators stackctl tells apart, the one list: the probe's detection (`engine/emulator/probe.ts`),
 * the profile table (`engine/profile/emulator-profile.ts`) and the `--json` schema
 * (`report/schemas/emulator.ts`) read it.
 */
export const emulatorKinds = ["localstack", "ministack", "unknown"] as const;
export type EmulatorKind = (typeof emulatorKinds)[number];

export interface EmulatorInfo {
  endpoint: string;
  kind: EmulatorKind;
  version: string;
  edition: string;
  services: Record<string, string>;
  /**
   * What tells this run of the emulator from an earlier one at the same endpoint (LocalStack's
   * `session_id`); unset where the emulator gives none (ministack).
   */
  instanceId?: string;
  /** What stackctl corrected in this emulator (engine/emulator/corrections.ts); unset or empty: nothing. */
  corrections?: string[];
}

export type ProbeResult =
  | { state: "ready"; info: EmulatorInfo }
  /** Something answers HTTP on the port but it is not an AWS emulator. */
  | { state: "foreign"; detail: string }
  | { state: "unreachable"; detail: string };
