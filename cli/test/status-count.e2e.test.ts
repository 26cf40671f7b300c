import { describe, expect, it } from "vitest";
import { detectTier } from "../../test/support/tiers.ts";
import { e2eSuite } from "./support/e2e-stacks.ts";
import { portsOver, putObject } from "./support/emulator-clients.ts";
import { parseNdJson } from "./support/nd-json.ts";

const tier = await detectTier({ docker: false, emulator: true }, import.meta.url);

// Past one ListObjectsV2 page (1,000 keys), plus the 2 fixture files `up` seeds.
const extraObjects = 1_100;

async function putMany(put: (key: string) => Promise<void>, count: number): Promise<void> {
  const keys = Array.from({ length: count }, (_, index) => `bulk/${String(index).padStart(5, "0")}.txt`);
  // A few at a time: the emulator shares 2 cores with the rest of the suite.
  for (let start = 0; start < keys.length; start += 20)
    await Promise.all(keys.slice(start, start + 20).map(put));
}

describe.skipIf(tier.skipReason !== undefined)("status counts a bucket past one page", () => {
  const endpoint = tier.env.endpoint;
  const { stacks, clients } = e2eSuite(endpoint);

  it("counts every page of objects, and stops at its time bound saying 'at least'", async () => {
    const { cli, bucket } = await stacks.create("count");
    expect((await cli("up")).code).toBe(0);
    await putMany((key) => putObject(clients, bucket, key, key), extraObjects);
    // The 2 fixture files, and smoke-check.bin: `up` deploys (lambda mode, the default) and smokes.
    const total = extraObjects + 2 + 1;

    const run = await cli("status", "--json");
    expect(parseNdJson(run.stdout)).toMatchObject({
      ok: true,
      data: { found: { bucket: { name: bucket, exists: true, count: total, countIsLowerBound: false } } },
    });
    expect((await cli("status")).stdout).toContain(`${bucket}: present, ${total} objects`);

    // A clock that runs out after the first page: the count is a lower bound, and says so.
    let calls = 0;
    const now = () => (calls++ === 0 ? 0 : 60_000);
    const bounded = await portsOver(clients).buckets.count(bucket, {
      budgetMs: 30_000,
      signal: AbortSignal.timeout(30_000),
      now,
    });
    expect(bounded?.complete).toBe(false);
    expect(bounded?.count).toBe(1_000);
  });
});
