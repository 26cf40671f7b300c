import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";
import { ListTablesCommand } from "@aws-sdk/client-dynamodb";
import { GetCommand } from "@aws-sdk/lib-dynamodb";
import { afterEach, describe, expect, it } from "vitest";
import { AwsClients } from "../src/adapters/aws-clients.ts";
import { countAwsCall, countingAwsCalls, emptyTally, outsideSteps } from "../src/engine/aws-calls.ts";
import { runStep } from "../src/engine/step.ts";
import { tempDirs } from "./support/capture-io.ts";
import { engineContext } from "./support/fakes.ts";

const dirs = tempDirs();
const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
  await dirs.cleanup();
});

/** A DynamoDB endpoint on 127.0.0.1 that answers every operation with an empty JSON body, after `delayMs`. */
async function fakeDynamo(delayMs = 0): Promise<{ endpoint: string; requests: string[] }> {
  const requests: string[] = [];
  const server = createServer((request, response) => {
    requests.push(String(request.headers["x-amz-target"]));
    request.resume();
    request.on("end", () => {
      setTimeout(() => {
        response.setHeader("content-type", "application/x-amz-json-1.0");
        response.end("{}");
      }, delayMs);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  closers.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
  const { port } = server.address() as AddressInfo;
  return { endpoint: `http://127.0.0.1:${port}`, requests };
}

function clientsFor(endpoint: string): AwsClients {
  const clients = new AwsClients({
    endpoint,
    region: "us-east-1",
    credentials: { accessKeyId: "test", secretAccessKey: "test" },
    onCall: countAwsCall,
  });
  closers.push(() => clients.destroy());
  return clients;
}

describe("AWS calls counted per step", () => {
  it("charges each SDK call to the step it was made in, also when steps run side by side", async () => {
    const { endpoint, requests } = await fakeDynamo(20);
    const clients = clientsFor(endpoint);
    const dynamo = await clients.dynamo();
    const ctx = await engineContext(await dirs.make());
    const tally = emptyTally();
    await countingAwsCalls(tally, async () => {
      await dynamo.send(new ListTablesCommand({}));
      // Interleaved on purpose: both steps are in flight while the other one's calls are made.
      await Promise.all([
        runStep(ctx, {}, "provision.table", async () => {
          await dynamo.send(new ListTablesCommand({}));
          await dynamo.send(new ListTablesCommand({}));
          return { value: undefined };
        }),
        runStep(ctx, {}, "provision.bucket", async () => {
          await sleep(5);
          await dynamo.send(new ListTablesCommand({}));
          return { value: undefined };
        }),
        runStep(ctx, {}, "docker", async () => ({ value: undefined, message: "no AWS here" })),
      ]);
    });
    expect(requests).toHaveLength(4);
    const ends = ctx.events.filter((event) => event.status === "done");
    expect(ends).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ step: "provision.table", awsCalls: 2 }),
        expect.objectContaining({ step: "provision.bucket", awsCalls: 1 }),
      ]),
    );
    // A step that called nothing carries no count at all.
    expect(ends.find((event) => event.step === "docker")).not.toHaveProperty("awsCalls");
    expect(tally).toEqual({
      total: 4,
      steps: { [outsideSteps]: 1, "provision.table": 2, "provision.bucket": 1 },
      operations: { "DynamoDB.ListTables": 4 },
    });
  });

  it("counts a document-client call once (it shares the DynamoDB client's middleware)", async () => {
    const { endpoint, requests } = await fakeDynamo();
    const clients = clientsFor(endpoint);
    const documents = await clients.documents();
    const tally = emptyTally();
    await countingAwsCalls(tally, async () => {
      await documents.send(new GetCommand({ TableName: "t", Key: { sku: "SKU-1" } }));
    });
    expect(requests).toEqual(["DynamoDB_20120810.GetItem"]);
    expect(tally.total).toBe(1);
    expect(Object.keys(tally.operations)).toHaveLength(1);
  });

  it("counts nothing outside a counted run (doctor, status without a tally)", async () => {
    const { endpoint } = await fakeDynamo();
    const dynamo = await clientsFor(endpoint).dynamo();
    const ctx = await engineContext(await dirs.make());
    await runStep(ctx, {}, "provision.table", async () => {
      await dynamo.send(new ListTablesCommand({}));
      return { value: undefined };
    });
    // The step's own count is there even without a run tally.
    expect(ctx.events.at(-1)).toMatchObject({ step: "provision.table", status: "done", awsCalls: 1 });
  });
});
