import type { EngineContext } from "../context.ts";
import { stackLabel } from "../emulator/compose-target.ts";
import { removeContainer } from "../modes/container/removers.ts";
import type { EnginePorts } from "../ports.ts";
import { shellLine } from "../shell-quote.ts";
import { runStep } from "../step.ts";
import { type DownChanges, noChanges } from "./outcome.ts";

/** Containers labelled with the stack (e.g. Lambda containers LocalStack spawned for it) are ours. */
export async function removeContainers(
  ctx: EngineContext,
  deps: EnginePorts,
  timings: Record<string, number>,
): Promise<DownChanges> {
  return runStep(ctx, timings, "remove.containers", async () => {
    const filter = `${stackLabel}=${ctx.config.stack}`;
    if (ctx.explain) {
      ctx.emit({
        step: "remove.containers",
        status: "explain",
        // xargs -r: with no match, `docker rm -f` alone would fail for want of an argument.
        commands: [
          `${shellLine("docker", "ps", "-aq", "--filter", `label=${filter}`)} | xargs -r docker rm -f`,
        ],
      });
    }
    const engine = await deps.containerEngine();
    if ((await engine.state()).state !== "up") {
      return {
        value: noChanges,
        skipped: true,
        message: "no Docker engine answers, so no containers to look for",
      };
    }
    const found = await engine.findContainers({ [stackLabel]: ctx.config.stack });
    const removed: string[] = [];
    for (const container of found) {
      if (ctx.dryRun) {
        ctx.emit({
          step: "remove.containers",
          status: "plan",
          action: "delete",
          target: `container ${container.name}`,
        });
      } else {
        await removeContainer(engine, container.id, { drain: false });
      }
      removed.push(`container ${container.name}`);
    }
    return {
      value: { removed, kept: [] },
      message: found.length === 0 ? `none labelled ${filter}` : `${found.length} labelled ${filter}`,
    };
  });
}
