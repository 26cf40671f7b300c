import type { Processes } from "../engine/ports.ts";

/** Child processes through execa (imported on first use). */
export const execaProcesses: Processes = {
  async runNode(script, args, options) {
    const { execa } = await import("execa");
    const result = await execa(process.execPath, [script, ...args], {
      cwd: options.cwd,
      all: true,
      reject: false,
      cancelSignal: options.signal,
    });
    return { exitCode: result.exitCode ?? -1, output: String(result.all ?? "") };
  },
};
