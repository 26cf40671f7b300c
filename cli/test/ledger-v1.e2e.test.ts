import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { detectTier } from "../../test/support/tiers.ts";
import { bucketTarget } from "../src/engine/provision/bucket.ts";
import { tableTarget } from "../src/engine/provision/table.ts";
import { ledgerFile, readLedger } from "../src/engine/state/ledger.ts";
import { e2eSuite } from "./support/e2e-stacks.ts";
import { bucketExists, portsOver, tableExists } from "./support/emulator-clients.ts";
import { parseNdJson } from "./support/nd-json.ts";

const tier = await detectTier({ docker: false, emulator: true }, import.meta.url);
const v1Stack = "ledgerv1-04ce2d";

describe.skipIf(tier.skipReason !== undefined)("a version-1 ledger left by an earlier stackctl", () => {
  const endpoint = tier.env.endpoint;
  const { stacks, clients } = e2eSuite(endpoint);

  it("down --purge removes its active and retired tables and its bucket, then the ledger", async () => {
    const { cli, cwd, stack } = await stacks.create("v1");
    // The recorded v1 file, renamed to this run's stack, and the resources it names made for real.
    const v1Text = (await readFile(new URL("./fixtures/ledger-v1.json", import.meta.url), "utf8")).replaceAll(
      v1Stack,
      stack,
    );
    const spec = { stack, endpoint, region: "us-east-1" };
    const [renamed, bucket, retired] = [`${stack}-renamed`, `${stack}-files`, `${stack}-inventory`];
    for (const target of [
      tableTarget(portsOver(clients).tables, { ...spec, name: retired }),
      bucketTarget(portsOver(clients).buckets, { ...spec, name: bucket }),
      tableTarget(portsOver(clients).tables, { ...spec, name: renamed }),
    ]) {
      await target.create();
      await target.waitUntilReady(AbortSignal.timeout(30_000));
    }
    const stateDir = path.join(cwd, ".stackctl");
    await mkdir(path.join(stateDir, stack), { recursive: true });
    await writeFile(ledgerFile(stateDir, stack), v1Text);

    const purge = await cli("down", "--purge", "--json");
    expect(purge.code, purge.stdout).toBe(0);
    expect(parseNdJson(purge.stdout)).toMatchObject({
      ok: true,
      data: { removed: [`table ${renamed}`, `bucket ${bucket}`, `table ${retired}`], kept: [] },
    });
    // Newest first by the recorded times: the renamed table, then the bucket, then the retired table.
    const dataSteps = purge
      .lines()
      .filter((line) => line.type === "event" && line.status === "done")
      .filter((line) => line.step === "remove.table" || line.step === "remove.bucket")
      .map((line) => line.message);
    expect(dataSteps).toEqual([`deleted ${renamed}`, `deleted ${bucket}`, `deleted ${retired}`]);
    expect(await tableExists(clients, renamed)).toBe(false);
    expect(await tableExists(clients, retired)).toBe(false);
    expect(await bucketExists(clients, bucket)).toBe(false);
    expect(await readLedger(stateDir, stack)).toBeUndefined();
  });
});
