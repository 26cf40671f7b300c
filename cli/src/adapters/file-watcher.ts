import { type FSWatcher, watch } from "node:fs";
import { stat } from "node:fs/promises";
import path from "node:path";
import type { FileWatcher } from "../engine/ports.ts";

/**
 * node:fs watches: a folder recursively, a file through its parent folder (editors that save by
 * writing a new file and renaming it over the old would end a watch on the file itself).
 */
export const fsWatcher: FileWatcher = {
  async watch(paths, onChange, signal) {
    const folders: string[] = [];
    const filesByParent = new Map<string, Set<string>>();
    for (const wanted of paths) {
      const info = await stat(wanted).catch(() => undefined);
      if (info?.isDirectory() === true) folders.push(wanted);
      else {
        const parent = path.dirname(wanted);
        const names = filesByParent.get(parent) ?? new Set<string>();
        names.add(path.basename(wanted));
        filesByParent.set(parent, names);
      }
    }
    const watchers: FSWatcher[] = [];
    for (const folder of folders)
      watchers.push(
        watch(folder, { recursive: true, signal }, (_event, name) => {
          if (name !== null) onChange(path.join(folder, name.toString()));
        }),
      );
    for (const [parent, names] of filesByParent)
      watchers.push(
        watch(parent, { signal }, (_event, name) => {
          if (name !== null && names.has(name.toString())) onChange(path.join(parent, name.toString()));
        }),
      );
    // A watch that fails later (the folder removed) ends quietly; the session goes on without it.
    for (const watcher of watchers) watcher.on("error", () => watcher.close());
  },
};
