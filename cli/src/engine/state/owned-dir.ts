import { lstat, mkdir, readdir, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { StackctlError } from "../../errors.ts";
import { refuseLink } from "./no-links.ts";

/**
 * The file stackctl puts in every folder it may later delete (`<stack>/build`, `build/dist`): a
 * folder without it is someone else's and is never removed, whatever stateDir and stack point at.
 * service/scripts/build.mjs checks and writes the same name in `dist/`.
 */
export const ownMarker = ".stackctl-owned";

// What a build folder held before the marker existed; a folder holding only these is stackctl's too.
const legacyBuildEntries = new Set(["inputs.sha256", "dist", "Dockerfile", "Dockerfile.lambda"]);
const legacyDistEntry = /^(server|lambda)\.js(\.map)?$|^package\.json$/;

async function entriesOf(dir: string): Promise<string[] | undefined> {
  return readdir(dir).catch(() => undefined);
}

/** absent: nothing there; owned: a real folder carrying the marker (or an old build's files only); foreign: anything else. */
export async function ownership(dir: string): Promise<"absent" | "owned" | "foreign"> {
  const info = await lstat(dir).catch(() => undefined);
  if (info === undefined) return "absent";
  if (!info.isDirectory()) return "foreign";
  const entries = (await entriesOf(dir)) ?? [];
  if (entries.includes(ownMarker)) return "owned";
  if (!entries.every((name) => legacyBuildEntries.has(name))) return "foreign";
  if (!entries.includes("dist")) return "owned";
  const distInfo = await lstat(path.join(dir, "dist"));
  if (!distInfo.isDirectory()) return "foreign";
  const dist = (await entriesOf(path.join(dir, "dist"))) ?? [];
  return dist.every((name) => name === ownMarker || legacyDistEntry.test(name)) ? "owned" : "foreign";
}

/** Before stackctl writes into `dir`: refuses a folder it did not make, then marks it as its own. */
export async function claimOwnedDir(dir: string): Promise<void> {
  await refuseLink(dir);
  if ((await ownership(dir)) === "foreign")
    throw new StackctlError("FOLDER_NOT_OURS", { dir, marker: ownMarker });
  await mkdir(dir, { recursive: true });
  await writeFile(path.join(dir, ownMarker), "made by stackctl; it deletes this folder on `down`\n");
}

/** Removes `dir` only when it carries stackctl's marker; returns whether it is gone (or was never there). */
export async function removeOwnedDir(dir: string): Promise<boolean> {
  const state = await ownership(dir);
  if (state === "foreign") return false;
  if (state === "owned") await rm(dir, { recursive: true, force: true });
  return true;
}
