import { z } from "zod";
import { type EngineEvent, planActions, reloadOutcomes, stepStatuses } from "../../engine/events.ts";

/** The `status` of an event: the engine's one list (`engine/events.ts`). */
export const stepStatus = z.enum(stepStatuses);

const step = z.string().min(1);
const ms = z.number().int().nonnegative();
const message = z.string();
const awsCalls = z.number().int().positive();

/**
 * The events, discriminated by `status`, each with exactly its fields, plus `extra` (the envelope
 * adds `type: "event"`). One definition for the bare event and the ND-JSON line.
 */
function eventUnion<Extra extends z.ZodRawShape>(extra: Extra) {
  const variant = <Shape extends z.ZodRawShape>(shape: Shape) => z.strictObject({ ...extra, step, ...shape });
  return z.discriminatedUnion("status", [
    variant({ status: z.literal("start") }),
    variant({
      status: z.literal("done"),
      ms: ms.optional(),
      awsCalls: awsCalls.optional(),
      message: message.optional(),
    }),
    variant({
      status: z.literal("skip"),
      ms: ms.optional(),
      awsCalls: awsCalls.optional(),
      message: message.optional(),
    }),
    variant({ status: z.literal("fail"), ms: ms.optional(), awsCalls: awsCalls.optional(), message }),
    variant({
      status: z.literal("plan"),
      action: z.enum(planActions),
      target: z.string().min(1),
      message: message.optional(),
    }),
    variant({ status: z.literal("explain"), commands: z.array(z.string()) }),
    variant({ status: z.literal("warn"), message }),
    variant({ status: z.literal("log"), message }),
    variant({
      status: z.literal("line"),
      message,
      stream: z.enum(["stdout", "stderr"]),
      source: z.string(),
      time: z.string().optional(),
    }),
    variant({
      status: z.literal("reload"),
      outcome: z.enum(reloadOutcomes),
      path: z.enum(["fast", "full"]),
      mode: z.string().min(1),
      changed: z.array(z.string()),
      ms,
      steps: z.record(z.string(), ms),
      version: z.string().optional(),
      message,
      details: z.array(z.string()).optional(),
    }),
  ]);
}

/** One progress event of the engine (`engine/events.ts` `EngineEvent`). */
export const engineEvent = eventUnion({});

/** An event line of `--json`: `{"type":"event", ...event}`. */
export const eventLine = eventUnion({ type: z.literal("event") });

export type EventLine = z.infer<typeof eventLine>;

// The engine's types and this schema are one contract, checked at compile time: per status the same
// fields of the same types (Same on Required), and the same optional ones (assignable both ways).
type Same<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
type Variants<E extends { status: string }> = { [S in E["status"]]: Required<Extract<E, { status: S }>> };
type Mutual<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Schema = z.infer<typeof engineEvent>;
const sameAsEngine: [Same<Variants<Schema>, Variants<EngineEvent>>, Mutual<Schema, EngineEvent>] = [
  true,
  true,
];
void sameAsEngine;
