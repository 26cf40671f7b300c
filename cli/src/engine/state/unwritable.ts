import { StackctlError } from "../../errors.ts";

const fileSystemRefusals = new Set([
  "EACCES",
  "EPERM",
  "ENOTDIR",
  "EROFS",
  "EEXIST",
  "EISDIR",
  "ENOSPC",
  "EDQUOT",
]);

/** A refused write under the state dir (permissions, a file in the way, a full disk) is the user's to fix. */
export function asStateDirError(dir: string, error: unknown): unknown {
  const code = (error as NodeJS.ErrnoException).code;
  if (typeof code !== "string" || !fileSystemRefusals.has(code)) return error;
  return new StackctlError(
    "STATE_DIR_UNWRITABLE",
    { dir, detail: (error as Error).message },
    { cause: error },
  );
}

export async function writingState<T>(dir: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw asStateDirError(dir, error);
  }
}
