import type { z } from "zod";
import { eventLine, resultLine } from "../../src/report/schemas/envelope.ts";

/**
 * The `--json` contract is the product's own (`cli/src/report/schemas/envelope.ts`, README "Output
 * (`--json`)"): every line but the last is an event line, the last is the one result, and an ok
 * result's `data` matches its command's strict schema (`report/schemas/by-command.ts`), seed's included.
 */
export { eventLine, resultLine };

/** Checks every line of a `--json` stdout against the product's schemas; returns the parsed result. */
export function parseNdJson(stdout: string): z.infer<typeof resultLine> {
  const lines = stdout.split("\n");
  if (lines.at(-1) !== "") throw new Error("stdout must end with a newline");
  const records = lines.slice(0, -1).map((line) => JSON.parse(line) as unknown);
  const last = records.pop();
  records.forEach((record, at) => {
    const parsed = eventLine.safeParse(record);
    if (!parsed.success)
      throw new Error(
        `line ${at + 1} is not an event of the contract: ${JSON.stringify(record)}\n${parsed.error.message}`,
      );
  });
  const result = resultLine.safeParse(last);
  if (!result.success)
    throw new Error(
      `the last line is not a result of the contract: ${JSON.stringify(last)}\n${result.error.message}`,
    );
  return result.data;
}

/** The `data` of an ok result (checked as parseNdJson checks it); fails the test with the error otherwise. */
export function okData<T>(stdout: string): T {
  const result = parseNdJson(stdout);
  if (!result.ok) throw new Error(`expected an ok result, got ${result.error.code}: ${result.error.message}`);
  return result.data as T;
}
