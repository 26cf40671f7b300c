import { contentTypeFor } from "@stackctl/service/domain";
import { fromInventoryRow } from "@stackctl/service/inventory-row";
import { afterEach, describe, expect, it } from "vitest";
import { AwsClients } from "../src/adapters/aws-clients.ts";
import { awsPortsOver } from "../src/adapters/aws-ports.ts";
import { sha256 } from "../src/engine/fixtures/checksum.ts";
import { seedFiles } from "../src/engine/fixtures/seed-files.ts";
import { type SeedInput, seedItems } from "../src/engine/fixtures/seed-items.ts";
import { emptyLedger } from "../src/engine/state/ledger-schema.ts";
import { tempDirs } from "./support/capture-io.ts";
import { engineContext } from "./support/fakes.ts";

const dirs = tempDirs();
afterEach(() => dirs.cleanup());

interface Sent {
  command: string;
  input: Record<string, unknown>;
}

type Answers = Record<string, Record<string, unknown>>;

/** Records a command's input and answers it from `answers`, by command name, before it is serialised. */
function recorder<Input extends object, Output extends object>(sent: Sent[], answers: Answers) {
  return (_next: unknown, context: { commandName?: string }) =>
    async (args: { input: Input }): Promise<{ output: Output; response: unknown }> => {
      const command = String(context.commandName);
      sent.push({ command, input: args.input as Record<string, unknown> });
      // The canned answer stands in for the emulator's reply to this command.
      return { output: { $metadata: {}, ...answers[command] } as Output, response: {} };
    };
}

/** Real SDK clients whose requests stop before they are serialised: nothing leaves the process. */
async function recordingClients(answers: Answers = {}) {
  const clients = new AwsClients({
    endpoint: "http://127.0.0.1:9",
    region: "us-east-1",
    credentials: { accessKeyId: "test", secretAccessKey: "test" },
  });
  const sent: Sent[] = [];
  const where = { step: "initialize", priority: "low" } as const;
  (await clients.dynamo()).middlewareStack.add(recorder(sent, answers), where);
  (await clients.s3()).middlewareStack.add(recorder(sent, answers), where);
  return { clients, sent };
}

async function seedInput(clients: AwsClients, exists: boolean, reset = false): Promise<SeedInput> {
  const ctx = await engineContext(await dirs.make());
  // The product's adapters over the recording clients: what they send is what the test reads.
  const data = awsPortsOver(clients);
  return { ctx, data, ledger: emptyLedger("unit"), reset, tableExists: exists, bucketExists: exists };
}

describe("seeding uses the service's own formats", () => {
  it("gives each file the Content-Type the service gives an upload without one", async () => {
    const { clients, sent } = await recordingClients({ PutObjectCommand: { ETag: '"e"' } });
    const names = ["pixel.png", "sample.txt", "prices.csv", "page.html", "archive.tar.gz", "README"];
    const files = names.map((name) => ({ name, body: Buffer.from(name), sha256: sha256(name) }));
    await seedFiles(await seedInput(clients, false), files);
    const types = Object.fromEntries(sent.map(({ input }) => [input.Key, input.ContentType]));
    expect(types).toEqual(Object.fromEntries(names.map((name) => [name, contentTypeFor(name)])));
    // Types the CLI's former copy of the table lacked, now as the service stores them.
    expect(types).toMatchObject({
      "prices.csv": "text/csv; charset=utf-8",
      "archive.tar.gz": "application/gzip",
    });
  });

  it("writes item rows that the service reads back as the fixture, at version 1", async () => {
    const { clients, sent } = await recordingClients();
    const item = { sku: "ÄPFEL-7", name: "Apfelkiste", quantity: 25, priceCents: 350 };
    await seedItems(await seedInput(clients, false), [{ item, checksum: "c" }]);
    const [put] = sent;
    expect(put?.command).toBe("PutItemCommand");
    const row = put?.input.Item as Record<string, unknown>;
    expect(Object.keys(row).sort()).toEqual([
      "name",
      "priceCents",
      "quantity",
      "sku",
      "updatedAt",
      "version",
    ]);
    expect(fromInventoryRow(row)).toEqual({ ...item, updatedAt: row.updatedAt, version: 1 });
  });

  it("reads a hand-put row without version as the service does (version 1), so a reset writes version 2", async () => {
    const handPut = { sku: "SKU-1", name: "By hand", quantity: 1, priceCents: 5 };
    const { clients, sent } = await recordingClients({ GetItemCommand: { Item: handPut } });
    const item = { sku: "SKU-1", name: "Blue widget", quantity: 12, priceCents: 1999 };
    const input = await seedInput(clients, true, true);
    const tally = await seedItems(input, [{ item, checksum: "fixture" }]);
    expect(tally).toMatchObject({ updated: 1 });
    const put = sent.find(({ command }) => command === "PutItemCommand");
    expect(put?.input.Item).toMatchObject({ ...item, version: 2 });
  });
});
