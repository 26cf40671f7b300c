import { lstat, readlink } from "node:fs/promises";
import { StackctlError } from "../../errors.ts";

/**
 * stackctl never follows a symbolic link inside its state folder (the stack's folder, `state.json`,
 * `build`, `build/dist`): a link there would make it read, write or delete what it points at, which
 * may be any file of the user's. A missing path is fine; a link is refused with STATE_SYMLINK.
 */
export async function refuseLink(file: string): Promise<void> {
  const info = await lstat(file).catch(() => undefined);
  if (info?.isSymbolicLink() !== true) return;
  const target = await readlink(file).catch(() => "?");
  throw new StackctlError("STATE_SYMLINK", { path: file, target });
}
