import type { EngineContext } from "../context.ts";
import { stackLabel } from "../emulator/compose-target.ts";
import { removeContainer } from "../modes/container/removers.ts";
import { environmentNamePattern, functionRole, stackEnvironments } from "../modes/lambda/environments.ts";
import type { EnginePorts } from "../ports.ts";
import { shellLine } from "../shell-quote.ts";
import { roleLabel } from "../stack-labels.ts";
import { runStep } from "../step.ts";
import { type DownChanges, noChanges } from "./outcome.ts";

/**
 * Containers labelled with the stack (its service, probes, the function containers ministack runs
 * from its labelled image) are ours, and so are the function containers a managed LocalStack runs
 * for the stack's functions: those carry no stack (the LocalStack may be another stack's), so they
 * are told by their name.
 */
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
          `${shellLine(
            "docker",
            "ps",
            "-aq",
            "--filter",
            `label=${roleLabel}=${functionRole}`,
            "--filter",
            `name=${environmentNamePattern(ctx.config.stack).source}`,
          )} | xargs -r docker rm -f`,
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
    const labelled = await engine.findContainers({ [stackLabel]: ctx.config.stack });
    const environments = await stackEnvironments(engine, ctx.config.stack);
    const found = [
      ...labelled,
      ...environments.filter((env) => !labelled.some((container) => container.id === env.id)),
    ];
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
      message:
        found.length === 0
          ? `none labelled ${filter} or running its functions`
          : `${labelled.length} labelled ${filter}, ${environments.length} running its functions`,
    };
  });
}
