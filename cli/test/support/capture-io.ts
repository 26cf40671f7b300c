import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { CliIo } from "../../src/cli-io.ts";
import { main } from "../../src/main.ts";

export interface Captured {
  code: number;
  stdout: string;
  stderr: string;
  /** stdout parsed as ND-JSON (only meaningful with --json). */
  lines(): Record<string, unknown>[];
  result(): Record<string, unknown>;
}

export function bufferStream(isTTY = false) {
  const chunks: string[] = [];
  return { chunks, stream: { isTTY, write: (chunk: string) => chunks.push(chunk) } };
}

/** Runs `stackctl <argv>` in-process with its own stdout/stderr buffers. */
export async function runCli(
  argv: string[],
  io: Partial<CliIo> & { env: CliIo["env"]; cwd: string },
): Promise<Captured> {
  const out = bufferStream();
  const err = bufferStream();
  const code = await main(argv, { stdout: out.stream, stderr: err.stream, ...io });
  const stdout = out.chunks.join("");
  const stderr = err.chunks.join("");
  const lines = () =>
    stdout
      .split("\n")
      .filter((line) => line !== "")
      .map((line) => JSON.parse(line) as Record<string, unknown>);
  return {
    code,
    stdout,
    stderr,
    lines,
    result: () => {
      const last = lines().at(-1);
      if (last?.type !== "result") throw new Error(`no result line in:\n${stdout}\n${stderr}`);
      return last;
    },
  };
}

/** Throwaway directories for one test file; call `cleanup` in afterAll/afterEach. */
export function tempDirs(prefix = "stackctl-test-") {
  const made: string[] = [];
  return {
    async make(): Promise<string> {
      const dir = await mkdtemp(path.join(os.tmpdir(), prefix));
      made.push(dir);
      return dir;
    },
    async cleanup(): Promise<void> {
      await Promise.all(made.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
    },
  };
}
