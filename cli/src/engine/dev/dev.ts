import type { Mode } from "../../config/schema.ts";
import { StackctlError } from "../../errors.ts";
import { countingAwsCalls, emptyTally } from "../aws-calls.ts";
import { connect } from "../connect.ts";
import type { EngineContext } from "../context.ts";
import type { EngineEvent } from "../events.ts";
import type { DevReload, ModeDeployment } from "../modes/compute-mode.ts";
import { loadComputeMode } from "../modes/load.ts";
import { modeNames } from "../modes/table.ts";
import type { EnginePorts } from "../ports.ts";
import { withStackState } from "../stack-state.ts";
import type { LedgerWriter } from "../state/ledger-writer.ts";
import { type UpOutcome, upConnected } from "../up.ts";
import { watchedPaths } from "./changes.ts";
import { openDevBundler, pruneDevBundles } from "./dev-bundle.ts";
import { type DevCommand, DevInbox } from "./inbox.ts";
import { type Deployed, type LoopState, reloadLoop } from "./reload-loop.ts";

export interface DevOptions {
  /** TTY hotkeys (r m q); off under --json or when stdin is no terminal. */
  hotkeys: boolean;
}

export interface DevOutcome {
  up: UpOutcome;
  /** The mode serving at the end (`m` switches it). */
  mode: string;
  apiUrl: string;
  /** What `GET /` answers with at the end. */
  version: string;
  reloads: number;
  failed: number;
  hotkeys: boolean;
}

const keyCommands: Record<string, DevCommand> = {
  r: "redeploy",
  m: "switch-mode",
  l: "toggle-logs",
  q: "quit",
};

/**
 * A reload's steps are reported as one `reload` event: their own lines stay quiet (their warnings
 * too: each fresh container takes a new host port while the old one holds the first, by design).
 */
function quietContext(ctx: EngineContext): EngineContext {
  const emit = (event: EngineEvent) => {
    if (event.status === "line") ctx.emit(event);
  };
  return { ...ctx, emit };
}

function otherMode(mode: string): string {
  const names = modeNames();
  return names[(names.indexOf(mode) + 1) % names.length] ?? mode;
}

/**
 * `stackctl dev`: `up` once, then a watch on the service's sources that ships every save through
 * the same API URL (reload-loop.ts), until `q` (returns) or Ctrl-C / SIGTERM (INTERRUPTED). The
 * stack's lock is held for the whole session, so another `up` or `dev` gets STACK_LOCKED; the
 * ledger is written after each reload as `up` writes it, so the stack is consistent whenever the
 * session ends.
 */
export async function dev(
  ctx: EngineContext,
  deps: EnginePorts,
  mode: Mode,
  options: DevOptions,
): Promise<DevOutcome> {
  if (ctx.dryRun)
    throw new StackctlError("USAGE", {
      detail: "dev has no --dry-run; `stackctl up --dry-run` shows what its first deploy would do",
    });
  const timings: Record<string, number> = {};
  const started = performance.now();
  return withStackState(ctx, "dev", async (state, ledgerFile) => {
    const connected = await connect(ctx, deps, timings, { mayStart: true, capabilities: false });
    try {
      const awsCalls = emptyTally();
      const first = await countingAwsCalls(awsCalls, () =>
        upConnected(
          { ctx, deps, connection: connected, timings, state },
          mode,
          ledgerFile,
          started,
          awsCalls,
        ),
      );
      if (first.deploy.status !== "deployed") throw new Error("dev needs a deployed stack (no --dry-run)");
      // The first up's connection carries the capabilities it detected (or remembered).
      const connection = first.connection;
      return await session(ctx, deps, { first, deployed: first.deploy, state, connection, options });
    } finally {
      await connected.aws.close();
    }
  });
}

async function session(
  ctx: EngineContext,
  deps: EnginePorts,
  input: {
    first: UpOutcome;
    deployed: ModeDeployment;
    state: LedgerWriter;
    connection: UpOutcome["connection"];
    options: DevOptions;
  },
): Promise<DevOutcome> {
  const { stateDir, stack } = ctx.config;
  const { state, connection } = input;
  let current = input.deployed.mode;
  let apiUrl = input.deployed.apiUrl;
  const ended = new AbortController();
  const stop = () => ended.abort();
  ctx.signal.addEventListener("abort", stop, { once: true });
  const inbox = new DevInbox();
  const bundler = await deps.bundler();
  const entryOf = async (mode: string) => (await loadComputeMode(mode)).devEntry;
  let bundles = await openDevBundler(bundler, stateDir, stack, await entryOf(current));
  try {
    // The first build primes esbuild's context, so the first save is already incremental.
    await bundles.build();
    const { sources, fullPath } = watchedPaths();
    await deps.fileWatcher.watch(
      [sources, ...fullPath],
      (path) => inbox.push({ kind: "change", path }),
      ended.signal,
    );
    const hotkeys =
      input.options.hotkeys &&
      deps.keys.listen((key) => {
        const command = keyCommands[key];
        if (command !== undefined) inbox.push({ kind: "command", command });
      }, ended.signal);
    ctx.emit({
      step: "dev",
      status: "done",
      message: `watching service/src, package.json, the lock file and the Dockerfiles; ${apiUrl}${hotkeys ? "  keys: r redeploy · m switch mode · q quit" : ""}`,
    });
    const quiet = quietContext(ctx);
    const deploy = async (modeName: string, reload?: DevReload): Promise<Deployed> => {
      const steps: Record<string, number> = {};
      const compute = await loadComputeMode(modeName);
      const deployed = await compute.deploy({
        ctx: quiet,
        deps,
        connection,
        timings: steps,
        state,
        ...(reload === undefined ? {} : { reload }),
      });
      if (state.ledger.mode !== modeName) {
        state.ledger.mode = modeName as Mode;
        await state.save();
      }
      current = modeName;
      apiUrl = deployed.apiUrl;
      return { version: deployed.version ?? "", steps };
    };
    const loop: LoopState = { version: input.deployed.version ?? "", reloads: 0, failed: 0 };
    await reloadLoop(
      inbox,
      {
        clock: deps.clock,
        emit: ctx.emit,
        signal: ctx.signal,
        build: () => bundles.build(),
        async deployFast(bundle) {
          const deployed = await deploy(current, { bundle });
          // The container that bound an older reload's folder is gone: keep only the serving one's.
          await pruneDevBundles(stateDir, stack, current === "container" ? [bundle.dir] : []);
          return deployed;
        },
        async deployFull(switchMode) {
          const deployed = await deploy(switchMode ? otherMode(current) : current);
          await pruneDevBundles(stateDir, stack, []);
          // Dependencies may have changed under esbuild's cache, or the mode and so the entry point
          // did: a fresh context.
          await bundles.dispose();
          bundles = await openDevBundler(bundler, stateDir, stack, await entryOf(current));
          return deployed;
        },
        mode: () => current,
      },
      loop,
    );
    return {
      up: input.first,
      mode: current,
      apiUrl,
      version: loop.version,
      reloads: loop.reloads,
      failed: loop.failed,
      hotkeys,
    };
  } finally {
    ctx.signal.removeEventListener("abort", stop);
    ended.abort();
    await bundles.dispose();
  }
}
