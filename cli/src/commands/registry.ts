import type { CommandDefinition } from "./command.ts";
import { devCommand } from "./dev.ts";
import { doctorCommand } from "./doctor.ts";
import { downCommand } from "./down.ts";
import { emulatorCommand } from "./emulator.ts";
import { logsCommand } from "./logs.ts";
import { seedCommand } from "./seed.ts";
import { smokeCommand } from "./smoke.ts";
import { statusCommand } from "./status.ts";
import { switchCommand, upCommand } from "./up.ts";

/** Every command, in the order `stackctl --help` lists them. */
export const commands: CommandDefinition[] = [
  upCommand,
  switchCommand,
  devCommand,
  statusCommand,
  logsCommand,
  smokeCommand,
  seedCommand,
  doctorCommand,
  downCommand,
  emulatorCommand,
];
