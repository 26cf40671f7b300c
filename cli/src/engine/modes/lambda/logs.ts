import { withAwsPorts } from "../../aws-session.ts";
import type { EngineContext } from "../../context.ts";
import { stackEndpoint } from "../../emulator/endpoint.ts";
import type { Clock, EnginePorts, LogEvent, Logs } from "../../ports.ts";
import { functionPrefix } from "./function-spec.ts";
import { logGroupOf } from "./lambda-ports.ts";

/** How often `-f` asks CloudWatch Logs for new events. */
export const followPollMs = 1_000;
/**
 * Each poll re-reads this far back: an emulator may stamp an event with a time slightly before it
 * becomes readable (ministack writes a whole invocation's lines at its end), so a poll that began
 * after the newest seen time would miss it. Event ids drop the repeats.
 */
const overlapMs = 30_000;

/**
 * The function's CloudWatch logs (`/aws/lambda/<function>`, one stream per invocation on
 * ministack) as `line` events in time order, across every stream and every function of the stack
 * (a redeploy mid-follow adds a group); with `follow`, polled until Ctrl-C. No event is shown twice.
 */
export async function lambdaLogs(
  ctx: EngineContext,
  logs: Logs,
  clock: Clock,
  options: { follow: boolean; sinceSeconds: number | undefined },
): Promise<{ source: string; lines: number } | undefined> {
  const prefix = logGroupOf(functionPrefix(ctx.config.stack));
  const seen = new Set<string>();
  let lines = 0;
  let from = options.sinceSeconds === undefined ? undefined : options.sinceSeconds * 1000;
  let groups = await logs.groups(prefix);
  if (groups.length === 0 && !options.follow) return undefined;
  const show = (event: LogEvent, group: string) => {
    seen.add(`${group}\0${event.eventId}`);
    lines += 1;
    ctx.emit({
      step: "logs",
      status: "line",
      message: event.message.replace(/\n$/, ""),
      stream: "stdout",
      source: `${group.slice("/aws/lambda/".length)}/${event.stream}`,
      time: new Date(event.timestamp).toISOString(),
    });
  };
  for (;;) {
    const batch: { event: LogEvent; group: string }[] = [];
    for (const group of groups) {
      const events = await logs.events(group, from === undefined ? {} : { startTime: from });
      for (const event of events) if (!seen.has(`${group}\0${event.eventId}`)) batch.push({ event, group });
    }
    batch.sort((a, b) => a.event.timestamp - b.event.timestamp);
    for (const { event, group } of batch) show(event, group);
    if (!options.follow || ctx.signal.aborted) break;
    const newest = batch.at(-1)?.event.timestamp;
    if (newest !== undefined) from = Math.max(from ?? 0, newest - overlapMs);
    try {
      await clock.sleep(followPollMs, ctx.signal);
    } catch {
      break;
    }
    groups = await logs.groups(prefix);
  }
  return { source: prefix, lines };
}

/** `lambdaLogs` against the emulator the ledger recorded (or the one named), with the SDK adapter. */
export async function lambdaLogsOf(
  ctx: EngineContext,
  deps: EnginePorts,
  recordedEndpoint: string | undefined,
  options: { follow: boolean; sinceSeconds: number | undefined },
): Promise<{ source: string; lines: number } | undefined> {
  const endpoint = stackEndpoint(ctx.config, recordedEndpoint);
  return withAwsPorts(ctx, deps, endpoint, (aws) => lambdaLogs(ctx, aws.logs, deps.clock, options));
}
