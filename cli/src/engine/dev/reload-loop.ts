import { StackctlError } from "../../errors.ts";
import type { EngineEvent, EventOf, ReloadOutcome } from "../events.ts";
import type { ServiceBundle } from "../image/bundle.ts";
import type { Clock } from "../ports.ts";
import { classifyChanges } from "./changes.ts";
import type { DevBuild } from "./dev-bundle.ts";
import type { DevInbox } from "./inbox.ts";

/** What one deploy of a reload gave: the version `GET /` answers with, each step's time. */
export interface Deployed {
  version: string;
  steps: Record<string, number>;
}

/** The session's moving parts, as the loop sees them (dev.ts gives the real ones, tests fakes). */
export interface ReloadSteps {
  clock: Clock;
  emit: (event: EngineEvent) => void;
  signal: AbortSignal;
  /** The in-process incremental bundle. */
  build(): Promise<DevBuild>;
  /** The mode's deploy of a built bundle, without an image build. */
  deployFast(bundle: ServiceBundle): Promise<Deployed>;
  /** `up`'s deploy: a new image (dependencies or a Dockerfile changed, `r`), or the other mode (`m`). */
  deployFull(switchMode: boolean): Promise<Deployed>;
  /** The mode that serves now (after `m`, the other one). */
  mode(): string;
  /** The logs-beneath switch (`l`). */
  toggleLogs?(): void;
}

export interface LoopState {
  version: string;
  /** The bundle the last fast reload shipped (a save that bundles the same ships nothing). */
  bundleSha?: string;
  reloads: number;
  failed: number;
}

/** Quiet time after a save before building: one save often fires several events. */
export const debounceMs = 30;
/** A burst of saves (a checkout, a formatter over the tree) is built once, at most this late. */
const maxDebounceMs = 500;

/** A failure a user caused (bad code, a crash at start) keeps the old version; anything else ends the session. */
function failureOf(error: unknown): { message: string; details: string[] } {
  if (error instanceof StackctlError) {
    if (error.code === "INTERRUPTED") throw error;
    return { message: error.message, details: error.details ?? [] };
  }
  throw error;
}

/**
 * The session after the first `up`: waits for saves and keys, debounces saves, builds, deploys
 * the fast way (or the full way), and says so in one `reload` event each. A failed build or
 * deploy leaves the old version serving and the loop waiting for the next save. Ends on `quit`
 * (returns) or the signal (INTERRUPTED).
 */
export async function reloadLoop(inbox: DevInbox, steps: ReloadSteps, state: LoopState): Promise<LoopState> {
  for (;;) {
    const first = await inbox.next(steps.signal);
    if (first.kind === "command") {
      if (first.command === "quit") return state;
      if (first.command === "toggle-logs") {
        steps.toggleLogs?.();
        continue;
      }
      const switchMode = first.command === "switch-mode";
      await reloadOnce(steps, state, {
        path: "full",
        changed: [switchMode ? "m: switch mode" : "r: redeploy"],
        switchMode,
      });
      continue;
    }
    const paths = [first.path];
    const started = steps.clock.now();
    let quit = false;
    // Saves keep coming: wait until they pause, then take them all as one reload.
    for (;;) {
      await steps.clock.sleep(debounceMs, steps.signal);
      const more = inbox.drain();
      for (const input of more) {
        if (input.kind === "change") paths.push(input.path);
        else if (input.command === "quit") quit = true;
        else inbox.push(input);
      }
      if (quit || more.length === 0 || steps.clock.now() - started >= maxDebounceMs) break;
    }
    if (quit) return state;
    const change = classifyChanges(paths);
    if (change === undefined) continue;
    await reloadOnce(steps, state, { ...change, switchMode: false });
  }
}

async function reloadOnce(
  steps: ReloadSteps,
  state: LoopState,
  change: { path: "fast" | "full"; changed: string[]; switchMode: boolean },
): Promise<void> {
  const started = steps.clock.now();
  const timings: Record<string, number> = {};
  const report = (outcome: ReloadOutcome, message: string, details?: string[]) => {
    const event: EventOf<"reload"> = {
      step: "dev.reload",
      status: "reload",
      outcome,
      path: change.path,
      mode: steps.mode(),
      changed: change.changed,
      ms: Math.round(steps.clock.now() - started),
      steps: timings,
      version: state.version,
      message,
      ...(details === undefined || details.length === 0 ? {} : { details }),
    };
    steps.emit(event);
  };
  try {
    let deployed: Deployed;
    if (change.path === "full") {
      deployed = await steps.deployFull(change.switchMode);
      state.bundleSha = undefined;
    } else {
      const buildStarted = steps.clock.now();
      const built = await steps.build();
      timings.bundle = Math.round(steps.clock.now() - buildStarted);
      if (!built.ok) {
        state.failed += 1;
        report("build-failed", `esbuild failed; ${state.version} keeps serving`, built.problems);
        return;
      }
      if (built.bundle.sha256 === state.bundleSha) {
        report("unchanged", "the bundle came out the same; nothing deployed");
        return;
      }
      deployed = await steps.deployFast(built.bundle);
      state.bundleSha = built.bundle.sha256;
    }
    Object.assign(timings, deployed.steps);
    state.version = deployed.version;
    state.reloads += 1;
    report("deployed", "serving");
  } catch (error) {
    const failure = failureOf(error);
    state.failed += 1;
    report("deploy-failed", `${failure.message} ${state.version} keeps serving`, failure.details);
  }
}
