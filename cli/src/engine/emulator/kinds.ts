/**
 * The emulators stackctl tells apart, the one list: the probe's detection (`probe.ts`), the profile
 * table (`engine/profile/emulator-profile.ts`) and the `--json` schema (`report/schemas/emulator.ts`)
 * read it. A third emulator is a new name here and its entry in the profile table.
 */
export const emulatorKinds = ["localstack", "ministack", "unknown"] as const;

export type EmulatorKind = (typeof emulatorKinds)[number];
