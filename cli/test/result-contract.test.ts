import { afterEach, describe, expect, it } from "vitest";
import { commands } from "../src/commands/registry.ts";
import { emulatorData } from "../src/report/emulator-data.ts";
import { resultDataSchemas } from "../src/report/schemas/by-command.ts";
import { emulatorData as emulatorSchema } from "../src/report/schemas/emulator.ts";
import { seedData } from "../src/report/schemas/seed.ts";
import { statusData } from "../src/report/schemas/status.ts";
import { upData } from "../src/report/schemas/up.ts";
import { seedOutput } from "../src/report/seed-data.ts";
import { tempDirs } from "./support/capture-io.ts";
import { engineContext } from "./support/fakes.ts";

const dirs = tempDirs();
afterEach(() => dirs.cleanup());

describe("the --json result contract", () => {
  it("has a data schema for every command stackctl offers", () => {
    const missing = commands.map((command) => command.name).filter((name) => !(name in resultDataSchemas));
    expect(missing, "commands whose --json data has no schema in report/schemas").toEqual([]);
  });

  it("gives up and status one emulator shape, the same keys whether it answered or not", () => {
    expect(upData.shape.emulator).toBe(statusData.shape.emulator);
    const facts = { endpoint: "http://127.0.0.1:4566", managed: true, startedByStackctl: false };
    const reachable = emulatorData({
      ...facts,
      info: {
        endpoint: facts.endpoint,
        kind: "ministack",
        version: "1.5.33",
        edition: "community",
        services: {},
      },
      problem: null,
      capabilities: { ecr: true, imageLambdas: false, notes: [] },
    });
    const unreachable = emulatorData({
      ...facts,
      info: undefined,
      problem: "ECONNREFUSED",
      capabilities: undefined,
    });
    expect(emulatorSchema.parse(reachable)).toMatchObject({
      reachable: true,
      kind: "ministack",
      problem: null,
    });
    expect(emulatorSchema.parse(unreachable)).toMatchObject({
      reachable: false,
      kind: null,
      problem: "ECONNREFUSED",
    });
    expect(Object.keys(unreachable).sort()).toEqual(Object.keys(reachable).sort());
  });

  it("builds seed's data to its schema, with the tally lines in the summary", async () => {
    const ctx = await engineContext(await dirs.make(), { dryRun: true });
    const tally = { created: 5, updated: 0, unchanged: 0, kept: [] };
    const output = seedOutput(
      {
        fixtures: { items: tally, files: { ...tally, created: 2 } },
        endpoint: "http://127.0.0.1:4566",
        timings: {},
      },
      ctx.config,
      { reset: false, dryRun: true },
    );
    expect(seedData.parse(output.data)).toMatchObject({ stack: "unit", reset: false, dryRun: true });
    expect(output.summary).toEqual([
      "",
      "Stack unit (dry run: nothing was changed):",
      "  items: would create 5",
      "  files: would create 2",
    ]);
  });
});
