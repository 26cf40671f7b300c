import { z } from "zod";
import { resultDataSchemas } from "../../src/report/schemas/by-command.ts";

/** The `--json` contract (README "Output (`--json`)"), checked line by line in tests. */
export const eventLine = z.object({
  type: z.literal("event"),
  step: z.string().min(1),
  status: z.enum(["start", "done", "skip", "fail", "plan", "explain", "warn", "log", "line"]),
  ms: z.number().int().nonnegative().optional(),
  message: z.string().optional(),
  action: z.string().optional(),
  target: z.string().optional(),
  commands: z.array(z.string()).optional(),
  stream: z.enum(["stdout", "stderr"]).optional(),
  source: z.string().optional(),
  time: z.string().optional(),
});

export const resultLine = z.discriminatedUnion("ok", [
  z.object({
    type: z.literal("result"),
    command: z.string(),
    ok: z.literal(true),
    data: z.record(z.string(), z.unknown()),
  }),
  z.object({
    type: z.literal("result"),
    command: z.string(),
    ok: z.literal(false),
    error: z.strictObject({
      code: z.string(),
      message: z.string(),
      hint: z.string(),
      retryable: z.boolean(),
    }),
  }),
]);

// The product's own schemas: each command's `data` has a fixed contract, checked strictly. Not
// `seed`'s here: reporter.test renders a stand-in seed result; result-contract.test checks seed's.
const dataSchemas = new Map<string, z.ZodType>(
  Object.entries(resultDataSchemas).filter(([command]) => command !== "seed"),
);

/**
 * Every line is an event except the last, which is the one result. Returns the parsed result; an
 * ok result must also match its command's strict data schema.
 */
export function parseNdJson(stdout: string): z.infer<typeof resultLine> {
  const lines = stdout.split("\n");
  if (lines.at(-1) !== "") throw new Error("stdout must end with a newline");
  const records = lines.slice(0, -1).map((line) => JSON.parse(line) as unknown);
  const last = records.pop();
  for (const record of records) eventLine.parse(record);
  const result = resultLine.parse(last);
  if (result.ok) dataSchemas.get(result.command)?.parse(result.data);
  return result;
}

/** The `data` of an ok result (checked as parseNdJson checks it); fails the test with the error otherwise. */
export function okData<T>(stdout: string): T {
  const result = parseNdJson(stdout);
  if (!result.ok) throw new Error(`expected an ok result, got ${result.error.code}: ${result.error.message}`);
  return result.data as T;
}
