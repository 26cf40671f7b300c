import { z } from "zod";
import { emulatorKinds } from "../../engine/ports/probe.ts";

const kind = z.enum(emulatorKinds);
const capabilities = z.strictObject({
  ecr: z.boolean(),
  imageLambdas: z.boolean(),
  notes: z.array(z.string()),
});

/** Where the chosen mode on this emulator differs from AWS (cli/src/engine/profile/limitations.ts). */
const limitation = z.strictObject({
  trait: z.string(),
  mode: z.string(),
  summary: z.string(),
  instead: z.string(),
});

// Both variants carry every key, so `jq .emulator.kind` works on any result; what is unknown is null.
const common = {
  endpoint: z.url(),
  managed: z.boolean(),
  startedByStackctl: z.boolean(),
  /** Null when not detected (status never detects them; up --dry-run before a start cannot). */
  capabilities: capabilities.nullable(),
  /** `up`/`switch`: what the chosen mode meets here ([] when it behaves as on AWS); null when not detected, and in `status`. */
  limitations: z.array(limitation).nullable(),
};

/** The `emulator` object of `up`/`switch` and `status` results: one shape for both. */
export const emulatorData = z.discriminatedUnion("reachable", [
  z.strictObject({
    ...common,
    reachable: z.literal(true),
    kind,
    version: z.string(),
    edition: z.string(),
    problem: z.null(),
  }),
  z.strictObject({
    ...common,
    reachable: z.literal(false),
    kind: z.null(),
    version: z.null(),
    edition: z.null(),
    /** Why nothing answered, when it was asked (status); null when it was not (up --dry-run). */
    problem: z.string().nullable(),
  }),
]);

export type EmulatorData = z.infer<typeof emulatorData>;
