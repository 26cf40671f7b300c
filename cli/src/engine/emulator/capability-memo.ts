import { randomBytes } from "node:crypto";
import { mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { z } from "zod";
import type { Capabilities } from "./capabilities.ts";
import type { EmulatorInfo } from "./probe.ts";

/**
 * Capabilities remembered per emulator instance, so a re-run does not probe ECR and Docker again.
 * The key is what changes when the emulator is another one: endpoint, kind, version, edition and
 * its instance id (LocalStack's `session_id`, new at each start). ministack gives no instance id:
 * its state lives in memory, so a restart is seen as the stack's table missing, and `up` then
 * forgets the entry (`forgetCapabilities`) and detects again. One file for the state dir.
 */
export const memoFileName = "emulator-capabilities.json";

/** Entries kept: one per emulator instance a developer used lately. */
const keep = 8;

const entry = z.object({
  key: z.string(),
  detectedAt: z.string(),
  capabilities: z.object({ ecr: z.boolean(), imageLambdas: z.boolean(), notes: z.array(z.string()) }),
});
const memoFile = z.object({ entries: z.array(entry) });
type MemoEntry = z.infer<typeof entry>;

export function instanceKey(info: EmulatorInfo): string {
  return JSON.stringify([info.endpoint, info.kind, info.version, info.edition, info.instanceId ?? null]);
}

/** Whether a result may be remembered: one that depends on a Docker engine that did not answer may change. */
export function worthRemembering(info: EmulatorInfo, capabilities: Capabilities): boolean {
  return info.kind === "localstack" || capabilities.imageLambdas;
}

async function readEntries(stateDir: string): Promise<MemoEntry[]> {
  const text = await readFile(path.join(stateDir, memoFileName), "utf8").catch(() => undefined);
  if (text === undefined) return [];
  try {
    const parsed = memoFile.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data.entries : [];
  } catch {
    return [];
  }
}

// A cache: a write that fails (a read-only state dir) costs the next run a probe, nothing more.
async function writeEntries(stateDir: string, entries: MemoEntry[]): Promise<void> {
  const file = path.join(stateDir, memoFileName);
  const temp = `${file}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`;
  try {
    await mkdir(stateDir, { recursive: true });
    await writeFile(temp, `${JSON.stringify({ entries }, null, 2)}\n`, { flag: "wx" });
    await rename(temp, file);
  } catch {
    await rm(temp, { force: true }).catch(() => undefined);
  }
}

export async function rememberedCapabilities(
  stateDir: string,
  info: EmulatorInfo,
): Promise<{ capabilities: Capabilities; detectedAt: string } | undefined> {
  const key = instanceKey(info);
  const found = (await readEntries(stateDir)).find((candidate) => candidate.key === key);
  return found === undefined ? undefined : { capabilities: found.capabilities, detectedAt: found.detectedAt };
}

export async function rememberCapabilities(
  stateDir: string,
  info: EmulatorInfo,
  capabilities: Capabilities,
  now: Date,
): Promise<void> {
  const key = instanceKey(info);
  const others = (await readEntries(stateDir)).filter((candidate) => candidate.key !== key);
  const fresh = { key, detectedAt: now.toISOString(), capabilities };
  await writeEntries(stateDir, [fresh, ...others].slice(0, keep));
}

export async function forgetCapabilities(stateDir: string, info: EmulatorInfo): Promise<void> {
  const key = instanceKey(info);
  const entries = await readEntries(stateDir);
  if (entries.some((candidate) => candidate.key === key))
    await writeEntries(
      stateDir,
      entries.filter((candidate) => candidate.key !== key),
    );
}
