import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";
import { execa } from "execa";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tempDirs } from "./support/capture-io.ts";
import { parseNdJson } from "./support/nd-json.ts";

const bin = fileURLToPath(new URL("../bin/stackctl.js", import.meta.url));

describe("Ctrl-C, SIGTERM and SIGHUP through the real bin", () => {
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

  // SIGTERM (a cancelled CI job) and SIGHUP (a closed terminal) take Ctrl-C's abort path, with the
  // shell's exit code for each signal (cli/src/signals.ts).
  for (const [signal, exitCode] of [
    ["SIGINT", 130],
    ["SIGTERM", 143],
    ["SIGHUP", 129],
  ] as const) {
    it(`${signal}: exits ${exitCode} with an INTERRUPTED result and releases the stack lock`, async () => {
      const cwd = await dirs.make();
      const endpoint = `http://127.0.0.1:${(silent.address() as AddressInfo).port}`;
      const stack = `${signal.toLowerCase()}-demo`;
      const child = execa("node", [bin, "up", "--json", "--stack", stack, "--endpoint", endpoint], {
        cwd,
        reject: false,
        stripFinalNewline: false,
        extendEnv: false,
        env: { PATH: process.env.PATH, HOME: cwd },
      });
      child.stdout?.on("data", (chunk: Buffer) => {
        if (chunk.toString().includes('"step":"emulator","status":"start"')) child.kill(signal);
      });
      const finished = await child;
      expect(finished.exitCode, String(finished.stderr)).toBe(exitCode);
      expect(parseNdJson(String(finished.stdout))).toMatchObject({
        ok: false,
        error: { code: "INTERRUPTED" },
      });
      const { readdir } = await import("node:fs/promises");
      expect(await readdir(`${cwd}/.stackctl/${stack}`)).not.toContain("lock");
    });
  }
});
