import path from "node:path";
import { describe, expect, it } from "vitest";
import { classifyChanges } from "../src/engine/dev/changes.ts";
import { problemText } from "../src/engine/dev/dev-bundle.ts";
import { DevInbox, type DevInput } from "../src/engine/dev/inbox.ts";
import {
  type Deployed,
  type LoopState,
  type ReloadSteps,
  reloadLoop,
} from "../src/engine/dev/reload-loop.ts";
import type { EngineEvent, EventOf } from "../src/engine/events.ts";
import type { ServiceBundle } from "../src/engine/image/bundle.ts";
import { StackctlError } from "../src/errors.ts";
import { repoPaths } from "../src/paths.ts";
import { fakeClock } from "./support/fakes.ts";

const source = (name: string) => path.join(repoPaths.serviceSources, name);
const save = (name: string): DevInput => ({ kind: "change", path: source(name) });
const bundle = (sha: string): ServiceBundle => ({ dir: `/state/build/dev/${sha.slice(0, 12)}`, sha256: sha });

/**
 * A session scripted as rounds: each round's inputs are queued when the previous reload has been
 * reported (the first at once); after the last round, `q`.
 */
function session(rounds: DevInput[][], fakes: Partial<ReloadSteps> = {}) {
  const inbox = new DevInbox();
  const reloads: EventOf<"reload">[] = [];
  const calls: string[] = [];
  let round = 0;
  const queueNext = () => {
    const inputs = rounds[round] ?? [{ kind: "command", command: "quit" } as const];
    round += 1;
    for (const input of inputs) inbox.push(input);
  };
  let builds = 0;
  let mode = "container";
  const steps: ReloadSteps = {
    clock: fakeClock(),
    signal: new AbortController().signal,
    emit: (event: EngineEvent) => {
      if (event.status !== "reload") return;
      reloads.push(event);
      queueNext();
    },
    build: async () => {
      builds += 1;
      calls.push("build");
      return { ok: true, bundle: bundle(`${String(builds).padStart(2, "0")}aaaaaaaaaaaaaaaa`) };
    },
    deployFast: async (built): Promise<Deployed> => {
      calls.push(`fast ${built.sha256.slice(0, 12)}`);
      return { version: built.sha256.slice(0, 12), steps: { "deploy.container": 200, "api.verify": 5 } };
    },
    deployFull: async (switchMode): Promise<Deployed> => {
      calls.push(switchMode ? "full switch" : "full");
      if (switchMode) mode = mode === "container" ? "lambda" : "container";
      return { version: "imagehash000", steps: { "image.container": 800 } };
    },
    mode: () => mode,
    ...fakes,
  };
  queueNext();
  const state: LoopState = { version: "firstup00000", reloads: 0, failed: 0 };
  return { inbox, steps, state, reloads, calls, run: () => reloadLoop(inbox, steps, state) };
}

describe("stackctl dev's reload loop (engine/dev/reload-loop.ts)", () => {
  it("ships a save the fast way and reports one reload with what changed, each step's ms and the new version", async () => {
    const run = session([[save("http/app.ts")]]);
    const end = await run.run();
    expect(run.calls).toEqual(["build", "fast 01aaaaaaaaaa"]);
    expect(run.reloads).toHaveLength(1);
    expect(run.reloads[0]).toMatchObject({
      outcome: "deployed",
      path: "fast",
      mode: "container",
      changed: ["service/src/http/app.ts"],
      version: "01aaaaaaaaaa",
      steps: { bundle: expect.any(Number), "deploy.container": 200, "api.verify": 5 },
    });
    expect(end).toMatchObject({ version: "01aaaaaaaaaa", reloads: 1, failed: 0 });
  });

  it("takes a burst of saves as one reload", async () => {
    const run = session([[save("http/app.ts"), save("domain/item.ts"), save("http/app.ts")]]);
    await run.run();
    expect(run.calls).toEqual(["build", "fast 01aaaaaaaaaa"]);
    expect(run.reloads[0]?.changed).toEqual(["service/src/domain/item.ts", "service/src/http/app.ts"]);
  });

  it("keeps the old version serving when the build fails, prints esbuild's errors, and deploys the next good save", async () => {
    let attempt = 0;
    const run = session([[save("http/app.ts")], [save("http/app.ts")]], {
      build: async () => {
        attempt += 1;
        if (attempt === 1)
          return { ok: false, problems: ['service/src/http/app.ts:57:80: Expected "}" but found ")"'] };
        return { ok: true, bundle: bundle("02bbbbbbbbbbbbbbbb") };
      },
    });
    const end = await run.run();
    expect(run.reloads.map((event) => event.outcome)).toEqual(["build-failed", "deployed"]);
    expect(run.reloads[0]).toMatchObject({
      version: "firstup00000",
      details: ['service/src/http/app.ts:57:80: Expected "}" but found ")"'],
    });
    expect(run.reloads[0]?.message).toContain("firstup00000 keeps serving");
    expect(run.reloads[1]?.version).toBe("02bbbbbbbb".padEnd(12, "b"));
    expect(end).toMatchObject({ reloads: 1, failed: 1 });
  });

  it("keeps the old version when the new code crashes at start, with the log tail as details", async () => {
    const run = session([[save("entry/server.ts")]], {
      deployFast: async () => {
        throw new StackctlError(
          "CONTAINER_UNHEALTHY",
          { name: "svc", detail: "exited with code 1 while starting" },
          { details: ["Error: boom", "    at start (server.ts:3:9)"] },
        );
      },
    });
    const end = await run.run();
    expect(run.reloads[0]).toMatchObject({
      outcome: "deploy-failed",
      version: "firstup00000",
      details: ["Error: boom", "    at start (server.ts:3:9)"],
    });
    expect(run.reloads[0]?.message).toContain("exited with code 1 while starting");
    expect(end).toMatchObject({ version: "firstup00000", failed: 1 });
  });

  it("takes the full path (a new image) when package.json changes", async () => {
    const run = session([[{ kind: "change", path: repoPaths.servicePackage }, save("http/app.ts")]]);
    await run.run();
    expect(run.calls).toEqual(["full"]);
    expect(run.reloads[0]).toMatchObject({ path: "full", outcome: "deployed", version: "imagehash000" });
    expect(run.reloads[0]?.changed).toContain("service/package.json");
  });

  it("switches mode on m through the full path, and redeploys on r", async () => {
    const run = session([
      [{ kind: "command", command: "switch-mode" }],
      [{ kind: "command", command: "redeploy" }],
    ]);
    await run.run();
    expect(run.calls).toEqual(["full switch", "full"]);
    expect(run.reloads.map((event) => event.mode)).toEqual(["lambda", "lambda"]);
  });

  it("deploys nothing when a save bundles to the same bytes as the last reload", async () => {
    const same = bundle("03cccccccccccccccc");
    const run = session([[save("http/app.ts")], [save("http/app.ts")]], {
      build: async () => ({ ok: true, bundle: same }),
    });
    await run.run();
    expect(run.reloads.map((event) => event.outcome)).toEqual(["deployed", "unchanged"]);
  });

  it("ignores editor droppings and ends with INTERRUPTED when the signal aborts", async () => {
    const controller = new AbortController();
    const run = session([], { signal: controller.signal });
    run.inbox.drain();
    run.inbox.push({ kind: "change", path: source("http/.app.ts.swp") });
    const ended = run.run();
    setTimeout(() => controller.abort(), 20);
    await expect(ended).rejects.toMatchObject({ code: "INTERRUPTED" });
    expect(run.calls).toEqual([]);
  });
});

describe("what a save changed (engine/dev/changes.ts)", () => {
  it("names the real file, not the temporary one an editor renamed over it", () => {
    expect(classifyChanges([source("http/sedXtAB69"), source("http/app.ts")])).toEqual({
      path: "fast",
      changed: ["service/src/http/app.ts"],
    });
  });

  it("is nothing for files outside what dev watches", () => {
    expect(classifyChanges([path.join(repoPaths.root, "README.md")])).toBeUndefined();
  });
});

describe("esbuild's errors as dev prints them", () => {
  it("are file:line:column from the repository root, 1-based column, with the source line", () => {
    expect(
      problemText({
        file: "src/http/app.ts",
        line: 57,
        column: 79,
        text: 'Expected "}" but found ")"',
        lineText: "      res.json({ a: 1 );",
      }),
    ).toBe('service/src/http/app.ts:57:80: Expected "}" but found ")"\n  res.json({ a: 1 );');
  });
});
