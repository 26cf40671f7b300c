import { mkdtemp, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createProcesses } from "../src/adapters/processes.ts";
import { ministackUnsetEnv } from "../src/engine/emulator/ministack/run.ts";

// A detached program (the managed ministack) gets the CLI's environment plus its own variables, and
// never the ones it must not see: ministack passes AWS_ENDPOINT_URL on to every function it runs.
describe("Processes.startDetached's environment", () => {
  const dirs: string[] = [];
  afterAll(() => Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true }))));

  it("adds env, takes out the unset names (an empty value too), keeps the rest", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "stackctl-detached-"));
    dirs.push(dir);
    const processes = createProcesses({
      PATH: process.env.PATH,
      AWS_ENDPOINT_URL: "",
      LOCALSTACK_HOSTNAME: "elsewhere",
      KEPT: "yes",
    });
    const out = path.join(dir, "env.txt");
    await processes.startDetached("sh", ["-c", `env > ${out}.part && mv ${out}.part ${out}`], {
      cwd: dir,
      env: { GATEWAY_PORT: "4610" },
      unset: ministackUnsetEnv,
      logFile: path.join(dir, "log"),
    });
    let text: string | undefined;
    for (let i = 0; i < 200 && text === undefined; i += 1) {
      text = await readFile(out, "utf8").catch(() => undefined);
      if (text === undefined) await new Promise((resolve) => setTimeout(resolve, 25));
    }
    const names = (text ?? "").split("\n").map((line) => line.split("=")[0]);
    expect(names).toEqual(expect.arrayContaining(["KEPT", "GATEWAY_PORT"]));
    expect(names).not.toContain("AWS_ENDPOINT_URL");
    expect(names).not.toContain("LOCALSTACK_HOSTNAME");
  });
});
