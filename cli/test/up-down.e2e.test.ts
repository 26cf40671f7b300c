import { readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { factsFor } from "../../test/support/emulator-facts.ts";
import { detectTier } from "../../test/support/tiers.ts";
import { bucketTarget } from "../src/engine/provision/bucket.ts";
import { e2eSuite } from "./support/e2e-stacks.ts";
import {
  bucketExists,
  createBucket,
  getItem,
  getObject,
  portsOver,
  putItem,
  putObject,
  tableExists,
} from "./support/emulator-clients.ts";
import { lambdaDeployChanges, lambdaDeployRemovals, lambdaPackageUnderTest } from "./support/lambda-stack.ts";
import { parseNdJson } from "./support/nd-json.ts";

const tier = await detectTier({ docker: false, emulator: true }, import.meta.url);
const fixtures = fileURLToPath(new URL("../../fixtures/", import.meta.url));

describe.skipIf(tier.skipReason !== undefined)("stackctl up/seed/status/down against the emulator", () => {
  const endpoint = tier.env.endpoint;
  const facts = factsFor(tier.profile);
  const { stacks, clients } = e2eSuite(endpoint);
  const newStack = stacks.create;

  it("up creates table, bucket and fixtures; a second up changes nothing and says so", async () => {
    const { cli, stack, table, bucket } = await newStack("twice");
    const first = await cli("up", "--json");
    expect(first.code, first.stdout + first.stderr).toBe(0);
    const created = parseNdJson(first.stdout);
    expect(created).toMatchObject({
      ok: true,
      command: "up",
      data: {
        mode: "lambda",
        changed: true,
        resources: { table, bucket },
        emulator: {
          endpoint,
          managed: false,
          // The known emulator's capabilities, exactly (docs/emulators.md).
          capabilities: { ecr: facts.ecr, imageLambdas: facts.imageFunctions },
        },
        changes: {
          created: [
            `table ${table}`,
            `bucket ${bucket}`,
            "5 items",
            "2 files",
            ...lambdaDeployChanges(stack),
          ],
        },
        // Lambda mode is the default, and it deploys.
        deploy: { status: "deployed", mode: "lambda" },
      },
    });

    const second = await cli("up", "--json");
    expect(parseNdJson(second.stdout)).toMatchObject({
      ok: true,
      data: {
        changed: false,
        changes: {
          created: [],
          updated: [],
          unchanged: [
            `table ${table}`,
            `bucket ${bucket}`,
            "5 items",
            "2 files",
            ...lambdaDeployChanges(stack),
          ],
        },
      },
    });
    const plain = await cli("up");
    expect(plain.code).toBe(0);
    expect(plain.stdout).toContain("nothing changed");

    const switched = await cli("switch", "container", "--json");
    // A switch deploys the service in the other mode: data stays, the deployment is new.
    expect(parseNdJson(switched.stdout)).toMatchObject({
      ok: true,
      command: "switch",
      data: {
        mode: "container",
        changed: true,
        fixtures: { items: { created: 0, updated: 0 }, files: { created: 0, updated: 0 } },
        deploy: { status: "deployed", mode: "container" },
      },
    });
    expect(parseNdJson((await cli("status", "--json")).stdout)).toMatchObject({
      data: { mode: "container" },
    });
  });

  it("seeds items exactly as the service stores them, and files byte for byte", async () => {
    const { cli, table, bucket } = await newStack("fixtures");
    expect((await cli("up")).code).toBe(0);
    const item = await getItem(clients, table, "ÄPFEL-7");
    expect(item).toMatchObject({
      sku: "ÄPFEL-7",
      name: "Apfelkiste (Unicode SKU)",
      quantity: 25,
      priceCents: 350,
      version: 1,
    });
    expect(new Date(String(item?.updatedAt)).toISOString()).toBe(item?.updatedAt);
    expect(await getObject(clients, bucket, "pixel.png")).toEqual(
      await readFile(path.join(fixtures, "files", "pixel.png")),
    );
    expect((await getObject(clients, bucket, "sample.txt")).toString()).toContain("stackctl fixtures");
    const status = await cli("status", "--json");
    expect(parseNdJson(status.stdout)).toMatchObject({
      ok: true,
      data: {
        resources: { table, bucket },
        found: {
          table: { name: table, exists: true, count: 5 },
          bucket: {
            name: bucket,
            exists: true,
            count: 3 /* the 2 fixtures and the smoke check's smoke-check.bin (up deploys and smokes) */,
          },
        },
      },
    });
  });

  it("keeps items and files a user changed; seed --reset restores them", async () => {
    const { cli, table, bucket } = await newStack("reset");
    expect((await cli("up")).code).toBe(0);
    await putItem(clients, table, {
      sku: "SKU-1",
      name: "Renamed by a user",
      quantity: 1,
      priceCents: 1,
      version: 2,
      updatedAt: new Date().toISOString(),
    });
    await putObject(clients, bucket, "sample.txt", "edited by a user");

    const seed = await cli("seed", "--json");
    expect(parseNdJson(seed.stdout)).toMatchObject({
      ok: true,
      data: {
        fixtures: { items: { kept: ["SKU-1"], unchanged: 4 }, files: { kept: ["sample.txt"], unchanged: 1 } },
      },
    });
    expect(await getItem(clients, table, "SKU-1")).toMatchObject({ name: "Renamed by a user" });
    expect(
      (await cli("up", "--json"))
        .lines()
        .some((line) => line.status === "warn" && String(line.message).includes("SKU-1")),
    ).toBe(true);

    const reset = await cli("seed", "--reset", "--json");
    expect(parseNdJson(reset.stdout)).toMatchObject({
      ok: true,
      data: { fixtures: { items: { updated: 1, kept: [] }, files: { updated: 1, kept: [] } } },
    });
    expect(await getItem(clients, table, "SKU-1")).toMatchObject({
      name: "Blue widget",
      quantity: 12,
      version: 3,
    });
    expect((await getObject(clients, bucket, "sample.txt")).toString()).toContain("stackctl fixtures");
  });

  it("--dry-run plans the work and creates nothing", async () => {
    const { cli, cwd, table, bucket } = await newStack("dryrun");
    const plan = await cli("up", "--dry-run", "--json");
    expect(plan.code).toBe(0);
    expect(parseNdJson(plan.stdout)).toMatchObject({ data: { dryRun: true, changed: true } });
    const planned = plan
      .lines()
      .filter((line) => line.status === "plan")
      .map((line) => `${String(line.action)} ${String(line.target)}`);
    expect(planned).toEqual(
      expect.arrayContaining([
        `create table ${table}`,
        `create bucket ${bucket}`,
        "create item SKU-1",
        "create file pixel.png",
      ]),
    );
    expect(await tableExists(clients, table)).toBe(false);
    expect(await bucketExists(clients, bucket)).toBe(false);
    expect(await readdir(cwd)).toEqual([]);
    expect(parseNdJson((await cli("status", "--json")).stdout)).toMatchObject({ data: { ledgerFile: null } });
  });

  it("seed --dry-run and down --purge --dry-run plan their work and leave the emulator and ledger as they were", async () => {
    const { cli, cwd, stack, table, bucket } = await newStack("dryrest");
    expect((await cli("up")).code).toBe(0);
    const { DeleteCommand } = await import("@aws-sdk/lib-dynamodb");
    await (await clients.documents()).send(new DeleteCommand({ TableName: table, Key: { sku: "SKU-2" } }));
    const ledgerPath = path.join(cwd, ".stackctl", stack, "state.json");
    const ledgerBefore = await readFile(ledgerPath, "utf8");

    const seed = await cli("seed", "--dry-run", "--json");
    expect(parseNdJson(seed.stdout)).toMatchObject({
      ok: true,
      data: { dryRun: true, fixtures: { items: { created: 1 } } },
    });
    expect(seed.lines()).toContainEqual(
      expect.objectContaining({ status: "plan", action: "create", target: "item SKU-2" }),
    );
    expect(await getItem(clients, table, "SKU-2")).toBeUndefined();

    // The function's warm containers (labelled with the stack from its image) are planned too.
    const Docker = (await import("dockerode")).default;
    const functionContainers = await new Docker().listContainers({
      all: true,
      filters: { label: [`dev.stackctl.stack=${stack}`] },
    });
    const down = await cli("down", "--purge", "--dry-run", "--json");
    expect(parseNdJson(down.stdout)).toMatchObject({
      ok: true,
      data: {
        dryRun: true,
        removed: [
          `table ${table}`,
          `bucket ${bucket}`,
          ...lambdaDeployRemovals(stack, {
            purge: true,
            dryRun: true,
            containers: functionContainers.length,
          }),
        ],
      },
    });
    expect(await tableExists(clients, table)).toBe(true);
    expect(await bucketExists(clients, bucket)).toBe(true);
    expect(await readFile(ledgerPath, "utf8")).toBe(ledgerBefore);
    // `build` holds the deploy's bundle (lambda mode, the default, deploys).
    expect(await readdir(path.join(cwd, ".stackctl", stack))).toEqual(["build", "state.json"]);
  });

  it("down keeps data, down --purge removes what up created and nothing it did not", async () => {
    const { cli, cwd, stack, table } = await newStack("down");
    const foreignBucket = `${stack}-users-own`;
    await createBucket(clients, foreignBucket);
    // stackctl seeds into it but never deletes it, so the test empties and removes it itself.
    stacks.onCleanup(() =>
      bucketTarget(portsOver(clients).buckets, {
        name: foreignBucket,
        stack,
        endpoint,
        region: "us-east-1",
      }).remove(AbortSignal.timeout(30_000)),
    );
    await writeFile(path.join(cwd, "stackctl.config.json"), JSON.stringify({ bucketName: foreignBucket }));
    const up = await cli("up", "--json");
    expect(parseNdJson(up.stdout)).toMatchObject({
      ok: true,
      data: { changes: { created: [`table ${table}`, "5 items", "2 files", ...lambdaDeployChanges(stack)] } },
    });

    // No data goes, only the deployment (lambda mode is the default).
    const keep = await cli("down", "--json");
    expect(parseNdJson(keep.stdout)).toMatchObject({
      ok: true,
      data: { removed: lambdaDeployRemovals(stack, { purge: false }) },
    });
    expect(await tableExists(clients, table)).toBe(true);

    const purge = await cli("down", "--purge", "--json");
    expect(parseNdJson(purge.stdout)).toMatchObject({
      ok: true,
      data: {
        removed: [
          `table ${table}`,
          ...(lambdaPackageUnderTest() === "image" ? [`repository stackctl/${stack}-function`] : []),
        ],
        kept: [`bucket ${foreignBucket} (not created by stackctl)`],
      },
    });
    expect(await tableExists(clients, table)).toBe(false);
    expect(await bucketExists(clients, foreignBucket)).toBe(true);
  });

  it("doctor reports the emulator's kind and capabilities and never fails on Docker when --endpoint is used", async () => {
    const { cli } = await newStack("doctor");
    const run = await cli("doctor", "--json");
    expect(run.code, run.stdout).toBe(0);
    const result = parseNdJson(run.stdout);
    const checks = (result.ok ? result.data.checks : []) as {
      name: string;
      verdict: string;
      detail: string;
    }[];
    expect(checks.map((check) => check.name)).toEqual(
      expect.arrayContaining(["node", "docker", "compose", "emulator", "auth token"]),
    );
    expect(checks.find((check) => check.name === "emulator")).toMatchObject({
      verdict: "pass",
      detail: expect.stringMatching(
        new RegExp(
          `^${tier.profile} .* at http.*; ecr ${facts.ecr ? "yes" : "no"}, image lambdas ${facts.imageFunctions ? "yes" : "no"}$`,
        ),
      ),
    });
    expect(checks.find((check) => check.name === "docker")?.verdict).not.toBe("fail");
  });
});
