import type { EngineContext } from "../../context.ts";
import type { ContainerEngine } from "../../ports.ts";
import { serviceContainers } from "./deploy-container.ts";

/** The service container's logs (both streams), as `line` events; with `follow`, until Ctrl-C or it stops. */
export async function containerLogs(
  ctx: EngineContext,
  engine: ContainerEngine,
  options: { follow: boolean; sinceSeconds: number | undefined },
): Promise<{ source: string; lines: number } | undefined> {
  const containers = await serviceContainers(engine, ctx.config.stack);
  const current = containers.find((container) => container.running) ?? containers[0];
  if (current === undefined) return undefined;
  let lines = 0;
  await engine.followLogs(
    current.id,
    {
      follow: options.follow,
      ...(options.sinceSeconds === undefined ? {} : { sinceSeconds: options.sinceSeconds }),
    },
    (line) => {
      lines += 1;
      ctx.emit({
        step: "logs",
        status: "line",
        message: line.text,
        stream: line.stream,
        source: current.name,
        ...(line.time === undefined ? {} : { time: line.time }),
      });
    },
    ctx.signal,
  );
  return { source: current.name, lines };
}
