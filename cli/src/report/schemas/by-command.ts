import type { z } from "zod";
import { devData } from "./dev.ts";
import { doctorData } from "./doctor.ts";
import { downData } from "./down.ts";
import { emulatorCommandData } from "./emulator-command.ts";
import { helpData, versionData } from "./help.ts";
import { logsData } from "./logs.ts";
import { seedData } from "./seed.ts";
import { smokeData } from "./smoke.ts";
import { statusData } from "./status.ts";
import { upData } from "./up.ts";

/** The schema of each command's `data` in an ok result, by the `command` the result names. */
export const resultDataSchemas = {
  up: upData,
  switch: upData,
  dev: devData,
  status: statusData,
  logs: logsData,
  smoke: smokeData,
  seed: seedData,
  doctor: doctorData,
  down: downData,
  emulator: emulatorCommandData,
  help: helpData,
  version: versionData,
} as const;

export type ResultData = z.infer<(typeof resultDataSchemas)[keyof typeof resultDataSchemas]>;

/** A command whose ok result has a data schema: the `command` of a result line. */
export type CommandName = keyof typeof resultDataSchemas;

/** The `data` of command `Name`'s ok result. */
export type DataOf<Name extends CommandName> = z.infer<(typeof resultDataSchemas)[Name]>;

export function isCommandName(name: string): name is CommandName {
  return Object.hasOwn(resultDataSchemas, name);
}
