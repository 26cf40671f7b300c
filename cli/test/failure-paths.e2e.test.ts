import { writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { detectTier } from "../../test/support/tiers.ts";
import { runCli } from "./support/capture-io.ts";
import { e2eStacks } from "./support/e2e-stacks.ts";
import { emulatorClients, tableExists } from "./support/emulator-clients.ts";
import { parseNdJson } from "./support/nd-json.ts";

const tier = await detectTier({ docker: false, emulator: true }, import.meta.url);

describe.skipIf(tier.skipReason !== undefined)("stackctl failure paths a user can fix", () => {
  const endpoint = tier.env.endpoint;
  const clients = emulatorClients(endpoint);
  const stacks = e2eStacks(endpoint);
  const newStack = stacks.create;

  afterEach(() => stacks.cleanup());
  afterAll(() => clients.destroy());

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
});
