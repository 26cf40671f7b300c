import { z } from "zod";
import { type ErrorCode, type errorPayload as errorPayloadOf, errorTable } from "../../errors.ts";
import { type CommandName, isCommandName, resultDataSchemas } from "./by-command.ts";
import { eventLine } from "./events.ts";

/**
 * The `--json` envelope (README "Output (`--json`)"): every stdout line is an event line
 * (`events.ts`) except the last, the one result line. The JSON reporter writes each line through
 * these schemas (`report/json-reporter.ts`) and the tests read every line back through them.
 */
export { eventLine };

/** A failure's `error`: a code of the one error table (`errors.ts`), its message, hint and retryability. */
export const errorPayload = z.strictObject({
  code: z.enum(Object.keys(errorTable) as [ErrorCode, ...ErrorCode[]]),
  message: z.string().min(1),
  hint: z.string(),
  retryable: z.boolean(),
});

// What `errors.ts` writes is what this schema reads.
const payloadFits: ReturnType<typeof errorPayloadOf> extends z.infer<typeof errorPayload> ? true : false =
  true;
void payloadFits;

const okResult = z.strictObject({
  type: z.literal("result"),
  command: z.string().min(1),
  ok: z.literal(true),
  data: z.record(z.string(), z.unknown()),
});

/** An ok result: its `data` must match the strict schema of the command it names (`by-command.ts`). */
export const okResultLine = okResult.superRefine((line, check) => {
  if (!isCommandName(line.command)) {
    check.addIssue({
      code: "custom",
      path: ["command"],
      message: `no data schema for command "${line.command}"`,
    });
    return;
  }
  const parsed = resultDataSchemas[line.command].safeParse(line.data);
  for (const issue of parsed.error?.issues ?? [])
    check.addIssue({ code: "custom", path: ["data", ...issue.path], message: issue.message });
});

/** A failed result names the command that failed (`stackctl` when none was dispatched). */
export const failResultLine = z.strictObject({
  type: z.literal("result"),
  command: z.string().min(1),
  ok: z.literal(false),
  error: errorPayload,
});

export const resultLine = z.discriminatedUnion("ok", [okResultLine, failResultLine]);

export type ResultLine = z.infer<typeof resultLine>;
export type { CommandName };
