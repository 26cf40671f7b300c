import { spawnSync } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { freePort } from "../support/free-port.ts";
import { choiceBlock, runbookBlocks, runbookChoices, runbookScript } from "../support/runbook.ts";
import { repoRoot } from "../support/test-env.ts";
import { newTestRun } from "../support/test-labels.ts";
import { detectTier } from "../support/tiers.ts";

// RUNBOOK.md's `sh runbook` blocks, run in order as one script against the test emulator, so the
// onboarding walkthrough cannot rot; here with the walkthrough's "your own endpoint" choice (its
// plain `export STACKCTL_ENDPOINT=…` block, nothing forced from outside) and, while the stack is up,
// its "service on your machine" block. The managed-path choice (`unset STACKCTL_ENDPOINT`) runs in
// test/e2e/managed/runbook.e2e.test.ts.
const tier = await detectTier({ docker: true, emulator: true }, "test/e2e/runbook.e2e.test.ts");
const run = newTestRun("runbook");
const stateDir = await mkdtemp(join(tmpdir(), "stackctl-runbook-"));

afterAll(() => rm(stateDir, { recursive: true, force: true }));

const choices = runbookChoices;

describe.skipIf(tier.skipReason !== undefined)("RUNBOOK.md", () => {
  it("has runnable blocks for every step of the walkthrough, and only the plain choices the tests know", () => {
    const blocks = runbookBlocks();
    const script = runbookScript(blocks);
    for (const step of [
      "stackctl up",
      "stackctl status",
      "stackctl switch",
      "stackctl seed",
      "stackctl down",
      "curl",
    ]) {
      expect(script).toContain(step);
    }
    // Each plain block is one of the choices: the managed path and your own endpoint and the service on
    // your machine are run (here and in managed/runbook.e2e.test.ts), the managed ministack in
    // managed/ministack.e2e.test.ts; the auth token block needs a real LocalStack token, which no test
    // has. `sh interactive` blocks (`stackctl dev`, which waits for keys) are not plain choices.
    const plain = blocks.filter((block) => !block.runbook);
    expect(
      plain.map((block) => Object.values(choices).filter((pattern) => pattern.test(block.body)).length),
    ).toEqual(plain.map(() => 1));
    for (const pattern of Object.values(choices)) choiceBlock(blocks, pattern);
  });

  it("runs from start to finish against your own emulator, with the service on your machine before the teardown", async () => {
    const blocks = runbookBlocks();
    // The block names 127.0.0.1:4566 (ministack's and a self-run LocalStack's usual port); the
    // harness's LocalStack listens on its own port.
    const ownEndpoint = choiceBlock(blocks, choices.ownEndpoint).body.replace(
      "http://127.0.0.1:4566",
      tier.env.endpoint,
    );
    const port = await freePort();
    const serviceFile = join(stateDir, "service-on-your-machine.sh");
    await writeFile(
      serviceFile,
      choiceBlock(blocks, choices.onYourMachine).body.replace("PORT=8080", `PORT=${port}`),
    );
    // Started in a process group of its own (setsid), asked once it answers, then stopped with its group.
    const onYourMachine = [
      `setsid bash ${JSON.stringify(serviceFile)} > ${JSON.stringify(join(stateDir, "service.log"))} 2>&1 &`,
      "service_pid=$!",
      "answer=''",
      `for _ in $(seq 90); do answer="$(curl -fsS http://127.0.0.1:${port}/inventory/SKU-1 2>/dev/null)" && break; sleep 1; done`,
      'kill -TERM -- "-$service_pid" 2>/dev/null || true',
      `[ -n "$answer" ] || { echo "the service on your machine never answered:"; cat ${JSON.stringify(join(stateDir, "service.log"))}; exit 1; }`,
      'printf "\\non your machine: %s\\n" "$answer"',
    ].join("\n");
    const script = runbookScript(blocks, { first: ownEndpoint, before: { "8. Tear down": onYourMachine } });
    const { STACKCTL_ENDPOINT: _endpoint, AWS_ENDPOINT_URL: _aws, ...env } = process.env;
    const result = spawnSync("bash", ["-c", script], {
      cwd: repoRoot,
      encoding: "utf8",
      timeout: 280_000,
      env: {
        ...env,
        CI: "1",
        STACKCTL_STACK: `rb-${run.id}`,
        STACKCTL_STATE_DIR: stateDir,
      },
    });
    const transcript = `${result.stdout}\n${result.stderr}`;
    expect(result.status, transcript).toBe(0);
    expect(transcript).toContain("the bytes came back unchanged");
    expect(transcript).toContain('"code":"item_not_found"');
    expect(transcript).toContain('"name":"Blue widget"');
    // The service run from source read the table the walkthrough seeded (and reset).
    const fromYourMachine = /^on your machine: (.*)$/m.exec(transcript)?.[1] ?? "";
    expect(fromYourMachine, transcript).toContain('"sku":"SKU-1"');
    expect(fromYourMachine).toContain('"name":"Blue widget"');
    expect(transcript).toContain(tier.env.endpoint);
  }, 300_000);
});
