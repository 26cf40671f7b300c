// What `stackctl dev` needs besides the deploy ports: an incremental bundler kept open for the
// session and a watch on the service's files. Adapters: adapters/esbuild-bundler.ts (esbuild's
// context API, the options of service/scripts/bundle-options.mjs), adapters/file-watcher.ts (node:fs).

/** Where esbuild stopped: the file relative to the service folder, 1-based line, 0-based column as esbuild counts. */
export interface BundleProblem {
  file: string | undefined;
  line: number | undefined;
  column: number | undefined;
  text: string;
  /** The source line, when esbuild gave it. */
  lineText: string | undefined;
}

export type BundleBuild =
  | { ok: true; files: { name: string; contents: Uint8Array }[] }
  | { ok: false; errors: BundleProblem[] };

/** One esbuild context for the session: each `rebuild` reuses the last one's work. */
export interface BundleSession {
  /** Builds the bundle in memory: the files of dist/ by name (server.js, lambda.js, their maps). */
  rebuild(): Promise<BundleBuild>;
  dispose(): Promise<void>;
}

export interface ServiceBundler {
  /**
   * Opens a context over the service's entry points. `outdir` is the folder `up` builds into, so
   * source-map paths come out the same; nothing is written there (the files come back in memory).
   */
  open(options: {
    serviceDir: string;
    outdir: string;
    sourcesContent: boolean;
    /** Only these entry points (`server`, `lambda`): a mode runs one, and building one is faster. */
    entries?: string[];
  }): Promise<BundleSession>;
}

export interface FileWatcher {
  /**
   * Calls `onChange` with the paths (absolute) that changed under each folder or file given, until
   * `signal` aborts; resolves once the watch is on. Events come raw: the caller debounces.
   */
  watch(paths: string[], onChange: (path: string) => void, signal: AbortSignal): Promise<void>;
}

export interface Keys {
  /**
   * Calls `onKey` with each key pressed on the terminal (raw mode) until `signal` aborts; false
   * when stdin is no terminal (then there are no hotkeys). Ctrl-C still interrupts as a signal.
   */
  listen(onKey: (key: string) => void, signal: AbortSignal): boolean;
}
