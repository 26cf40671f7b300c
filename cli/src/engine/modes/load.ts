import { StackctlError } from "../../errors.ts";
import type { ComputeMode } from "./compute-mode.ts";
import { modeEntries, modeNames } from "./table.ts";

const members = ["plan", "planRetire", "deploy", "retire", "status", "logs"] as const;

/** What an entry's loader gave, checked to be the ComputeMode the entry names. */
function asComputeMode(name: string, loaded: unknown): ComputeMode {
  const mode = loaded as Record<string, unknown> | undefined;
  if (mode?.name !== name || members.some((member) => typeof mode[member] !== "function"))
    throw new Error(`the table's loader for compute mode ${name} gave no ComputeMode named ${name}`);
  return loaded as ComputeMode;
}

/** The implementation of a mode the table has; a name it lacks is a usage error. */
export async function loadComputeMode(name: string): Promise<ComputeMode> {
  const entry = modeEntries().find((candidate) => candidate.name === name);
  if (entry === undefined)
    throw new StackctlError("UNKNOWN_MODE", {
      mode: name,
      where: "the ledger",
      modes: modeNames().join(", "),
    });
  return asComputeMode(name, await entry.load());
}

/** Every mode but `name`, loaded: the ones whose compute a deploy in `name` retires. */
export async function otherComputeModes(name: string): Promise<ComputeMode[]> {
  return Promise.all(
    modeEntries()
      .filter((entry) => entry.name !== name)
      .map(async (entry) => asComputeMode(entry.name, await entry.load())),
  );
}
