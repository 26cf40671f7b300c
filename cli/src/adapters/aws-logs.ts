import type { FilterLogEventsCommandInput } from "@aws-sdk/client-cloudwatch-logs";
import type { LogEvent, Logs } from "../engine/ports.ts";
import type { AwsClients } from "./aws-clients.ts";
import { isNotFound } from "./aws-not-found.ts";

const sdk = () => import("@aws-sdk/client-cloudwatch-logs");

/** CloudWatch Logs through the SDK: FilterLogEvents reads every stream of a group in one call. */
export function createLogs(clients: AwsClients): Logs {
  return {
    async events(group, options) {
      const { FilterLogEventsCommand } = await sdk();
      const logs = await clients.logs();
      const found: LogEvent[] = [];
      let nextToken: string | undefined;
      try {
        do {
          const input: FilterLogEventsCommandInput = {
            logGroupName: group,
            startTime: options.startTime,
            endTime: options.endTime,
            filterPattern: options.filter,
            nextToken,
          };
          const page = await logs.send(new FilterLogEventsCommand(input));
          for (const event of page.events ?? []) {
            found.push({
              timestamp: event.timestamp ?? 0,
              message: event.message ?? "",
              stream: event.logStreamName ?? "",
              // An emulator that leaves eventId out still gives a stable identity.
              eventId:
                event.eventId ??
                `${event.logStreamName ?? ""}/${event.timestamp ?? 0}/${event.message ?? ""}`,
            });
          }
          nextToken = page.nextToken;
        } while (nextToken !== undefined && nextToken !== "");
      } catch (error) {
        if (isNotFound(error)) return [];
        throw error;
      }
      // Streams interleave; callers want one time line (a stable sort keeps a stream's own order).
      return found.sort((a, b) => a.timestamp - b.timestamp);
    },
    async groups(prefix) {
      const { DescribeLogGroupsCommand } = await sdk();
      const logs = await clients.logs();
      const names: string[] = [];
      let nextToken: string | undefined;
      do {
        const page = await logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: prefix, nextToken }));
        for (const group of page.logGroups ?? [])
          if (group.logGroupName !== undefined) names.push(group.logGroupName);
        nextToken = page.nextToken;
      } while (nextToken !== undefined && nextToken !== "");
      return names;
    },
    async removeGroup(group) {
      const { DeleteLogGroupCommand } = await sdk();
      try {
        await (await clients.logs()).send(new DeleteLogGroupCommand({ logGroupName: group }));
      } catch (error) {
        if (!isNotFound(error)) throw error;
      }
    },
  };
}
