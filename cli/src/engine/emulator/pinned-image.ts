import { readFile } from "node:fs/promises";
import { repoPaths } from "../../paths.ts";

/** docker-compose.yml at the repository root is the one place the LocalStack image is pinned. */
export const composeFile = repoPaths.composeFile;

export const lastTokenlessTag = "4.14.0";

export async function pinnedEmulatorImage(file = composeFile): Promise<string> {
  const text = await readFile(file, "utf8");
  // The pin is the default of `${STACKCTL_EMULATOR_IMAGE:-localstack/localstack:<tag>}` (or a plain image line).
  const match = /^\s*image:\s*["']?(?:\$\{STACKCTL_EMULATOR_IMAGE:-)?(localstack\/localstack[^\s"'}]*)/m.exec(
    text,
  );
  if (match?.[1] === undefined) throw new Error(`no localstack image line in ${file}`);
  return match[1];
}

/**
 * The image compose starts: STACKCTL_EMULATOR_IMAGE when set (a locally built stand-in, a mirror),
 * else the pin. docker-compose.yml reads the same variable, so the two cannot disagree.
 */
export async function emulatorImage(override: string | undefined, file = composeFile): Promise<string> {
  return override ?? (await pinnedEmulatorImage(file));
}

function versionParts(tag: string): number[] | undefined {
  const match = /^(\d+)\.(\d+)(?:\.(\d+))?$/.exec(tag);
  if (match === null) return undefined;
  return [Number(match[1]), Number(match[2]), Number(match[3] ?? 0)];
}

/** Images after 4.14.0 (and floating tags such as `latest`) refuse to start without an auth token. */
export function imageNeedsAuthToken(image: string): boolean {
  const tag = image.includes(":") ? (image.split(":").pop() ?? "latest") : "latest";
  const parts = versionParts(tag);
  const last = versionParts(lastTokenlessTag) ?? [];
  if (parts === undefined) return true;
  for (let index = 0; index < 3; index += 1) {
    const a = parts[index] ?? 0;
    const b = last[index] ?? 0;
    if (a !== b) return a > b;
  }
  return false;
}
