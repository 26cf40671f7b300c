import { writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { detectTier } from "../../test/support/tiers.ts";
import { tableTarget } from "../src/engine/provision/table.ts";
import { readLedger } from "../src/engine/state/ledger.ts";
import { runCli } from "./support/capture-io.ts";
import { e2eSuite } from "./support/e2e-stacks.ts";
import { portsOver, tableExists } from "./support/emulator-clients.ts";
import { freePort } from "./support/fakes.ts";
import { lambdaDeployRemovals } from "./support/lambda-stack.ts";
import { parseNdJson } from "./support/nd-json.ts";

const tier = await detectTier({ docker: false, emulator: true }, import.meta.url);

describe.skipIf(tier.skipReason !== undefined)("stackctl failure paths a user can fix", () => {
  const endpoint = tier.env.endpoint;
  const { stacks, clients } = e2eSuite(endpoint);
  const newStack = stacks.create;

  it("an explicitly chosen fixtures folder that is missing fails the fixtures.items step (exit 1)", async () => {
    const { stack, cwd } = await newStack("nofix");
    const missing = path.join(cwd, "no-such-fixtures");
    const run = await runCli(["up", "--json", "--stack", stack], {
      env: { ...stacks.env, STACKCTL_FIXTURES_DIR: missing },
      cwd,
    });
    expect(run.code, run.stdout).toBe(1);
    expect(run.lines()).toContainEqual(
      expect.objectContaining({
        step: "fixtures.items",
        status: "fail",
        message: expect.stringContaining(missing),
      }),
    );
    expect(parseNdJson(run.stdout)).toMatchObject({
      ok: false,
      error: { code: "FIXTURES_UNREADABLE", message: `Cannot read fixtures at ${missing}: no such folder` },
    });
  });

  it("an items.json that is not JSON fails inside the step with FIXTURES_INVALID", async () => {
    const { stack, cwd } = await newStack("badfix");
    await writeFile(path.join(cwd, "items.json"), "{not json");
    const run = await runCli(["up", "--json", "--stack", stack], {
      env: { ...stacks.env, STACKCTL_FIXTURES_DIR: cwd },
      cwd,
    });
    expect(run.code).toBe(1);
    expect(run.lines()).toContainEqual(expect.objectContaining({ step: "fixtures.items", status: "fail" }));
    expect(parseNdJson(run.stdout)).toMatchObject({ ok: false, error: { code: "FIXTURES_INVALID" } });
    expect(await tableExists(clients, `${stack}-inventory`)).toBe(true);
  });

  it("down --purge removes a table stackctl created even after tableName was changed", async () => {
    const { cli, cwd, stack, table } = await newStack("rename");
    expect((await cli("up")).code).toBe(0);
    const renamed = `${stack}-renamed`;
    await writeFile(path.join(cwd, "stackctl.config.json"), JSON.stringify({ tableName: renamed }));
    const second = await cli("up", "--json");
    expect(second.code, second.stdout).toBe(0);
    expect(second.lines()).toContainEqual(
      expect.objectContaining({
        step: "provision.table",
        status: "warn",
        message: expect.stringContaining(
          `table ${table} was created by stackctl and is no longer configured`,
        ),
      }),
    );
    const purge = await cli("down", "--purge", "--json");
    expect(parseNdJson(purge.stdout)).toMatchObject({
      ok: true,
      data: { removed: expect.arrayContaining([`table ${table}`, `table ${renamed}`]) },
    });
    expect(await tableExists(clients, table)).toBe(false);
    expect(await tableExists(clients, renamed)).toBe(false);
    expect(await readLedger(path.join(cwd, ".stackctl"), stack)).toBeUndefined();
  });

  it("down --purge without --endpoint uses the emulator the ledger recorded", async () => {
    const { cli, cwd, stack, table } = await newStack("ledgerurl");
    expect((await cli("up")).code).toBe(0);
    // No endpoint now, and the managed port is dead: only the ledger's endpoint reaches the table.
    const deadPort = await freePort();
    await writeFile(path.join(cwd, "stackctl.config.json"), JSON.stringify({ emulator: { port: deadPort } }));
    const purge = await runCli(["down", "--purge", "--json", "--stack", stack], { env: {}, cwd });
    expect(purge.code, purge.stdout).toBe(0);
    expect(parseNdJson(purge.stdout)).toMatchObject({
      ok: true,
      data: {
        removed: [`table ${table}`, `bucket ${stack}-files`, ...lambdaDeployRemovals(stack, { purge: true })],
      },
    });
    expect(await tableExists(clients, table)).toBe(false);
  });

  it("down --purge never deletes a same-named table without this stack's tag, and says so", async () => {
    const { cli, stack, table } = await newStack("untagged");
    expect((await cli("up")).code).toBe(0);
    const { DescribeTableCommand, UntagResourceCommand } = await import("@aws-sdk/client-dynamodb");
    const dynamo = await clients.dynamo();
    const described = await dynamo.send(new DescribeTableCommand({ TableName: table }));
    await dynamo.send(
      new UntagResourceCommand({
        ResourceArn: String(described.Table?.TableArn),
        TagKeys: ["stackctl:stack"],
      }),
    );
    stacks.onCleanup(() =>
      tableTarget(portsOver(clients).tables, { name: table, stack, endpoint, region: "us-east-1" }).remove(
        AbortSignal.timeout(30_000),
      ),
    );
    const purge = await cli("down", "--purge", "--json");
    expect(parseNdJson(purge.stdout)).toMatchObject({
      ok: true,
      data: {
        removed: [`bucket ${stack}-files`, ...lambdaDeployRemovals(stack, { purge: true })],
        kept: [`table ${table} (not tagged stackctl:stack=${stack} at ${endpoint}; not deleted)`],
      },
    });
    expect(await tableExists(clients, table)).toBe(true);
  });

  it("down --purge with another --endpoint than the ledger's says so", async () => {
    const { cli, cwd, stack } = await newStack("otherurl");
    expect((await cli("up")).code).toBe(0);
    const other = `http://127.0.0.1:${await freePort()}`;
    const purge = await runCli(["down", "--purge", "--json", "--stack", stack, "--endpoint", other], {
      env: {},
      cwd,
    });
    expect(purge.lines()).toContainEqual(
      expect.objectContaining({
        step: "remove",
        status: "warn",
        message: `the ledger records the emulator at ${endpoint}, but ${other} was given; only resources tagged stackctl:stack=${stack} there are deleted`,
      }),
    );
    expect(parseNdJson(purge.stdout)).toMatchObject({ ok: false, error: { code: "EMULATOR_UNREACHABLE" } });
  });

  it("an existing table keyed on something other than sku fails up and seed at once, naming it (not retryable)", async () => {
    const { cli, stack, table } = await newStack("wrongkey");
    const { CreateTableCommand } = await import("@aws-sdk/client-dynamodb");
    await (await clients.dynamo()).send(
      new CreateTableCommand({
        TableName: table,
        AttributeDefinitions: [{ AttributeName: "id", AttributeType: "N" }],
        KeySchema: [{ AttributeName: "id", KeyType: "HASH" }],
        BillingMode: "PAY_PER_REQUEST",
      }),
    );
    stacks.onCleanup(() =>
      tableTarget(portsOver(clients).tables, { name: table, stack, endpoint, region: "us-east-1" }).remove(
        AbortSignal.timeout(30_000),
      ),
    );
    const run = await cli("up", "--json");
    expect(run.code).toBe(1);
    expect(run.lines()).toContainEqual(expect.objectContaining({ step: "provision.table", status: "fail" }));
    expect(parseNdJson(run.stdout)).toMatchObject({
      ok: false,
      error: {
        code: "TABLE_KEY_MISMATCH",
        retryable: false,
        message: `Table ${table} exists with the key id (N, HASH); stackctl and the service need a hash key \`sku\` of type S (string).`,
      },
    });
    const seed = await cli("seed", "--json");
    expect(parseNdJson(seed.stdout)).toMatchObject({ ok: false, error: { code: "TABLE_KEY_MISMATCH" } });
  });
});
