import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";
import { execa } from "execa";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tempDirs } from "./support/capture-io.ts";
import { parseNdJson } from "./support/nd-json.ts";

const bin = fileURLToPath(new URL("../bin/stackctl.js", import.meta.url));

describe("Ctrl-C through the real bin", () => {
  // An "emulator" that accepts requests and never answers, so `up` is reliably mid-step.
  let silent: Server;
  const dirs = tempDirs();
  beforeAll(async () => {
    silent = createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
  });
  afterAll(async () => {
    silent.closeAllConnections();
    await new Promise((resolve) => silent.close(resolve));
    await dirs.cleanup();
  });

  it("exits 130 with an INTERRUPTED result and releases the stack lock", async () => {
    const cwd = await dirs.make();
    const endpoint = `http://127.0.0.1:${(silent.address() as AddressInfo).port}`;
    const child = execa("node", [bin, "up", "--json", "--stack", "sigint-demo", "--endpoint", endpoint], {
      cwd,
      reject: false,
      stripFinalNewline: false,
      extendEnv: false,
      env: { PATH: process.env.PATH, HOME: cwd },
    });
    child.stdout?.on("data", (chunk: Buffer) => {
      if (chunk.toString().includes('"step":"emulator","status":"start"')) child.kill("SIGINT");
    });
    const finished = await child;
    expect(finished.exitCode).toBe(130);
    expect(parseNdJson(String(finished.stdout))).toMatchObject({ ok: false, error: { code: "INTERRUPTED" } });
    const { readdir } = await import("node:fs/promises");
    expect(await readdir(`${cwd}/.stackctl/sigint-demo`)).not.toContain("lock");
  });
});
