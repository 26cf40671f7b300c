import { spawn } from "node:child_process";
import { closeSync, openSync } from "node:fs";
import { readFile } from "node:fs/promises";
import type { Processes } from "../engine/ports.ts";

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but is someone else's.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
};

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // Not a group leader (or gone): the process itself.
    try {
      process.kill(pid, signal);
    } catch {
      // Gone.
    }
  }
}

async function commandLine(pid: number): Promise<string[] | undefined> {
  if (!alive(pid)) return undefined;
  try {
    const raw = await readFile(`/proc/${pid}/cmdline`, "utf8");
    return raw.split("\0").filter((part) => part !== "");
  } catch {
    // No /proc (macOS): ps prints the whole command line.
    const { execa } = await import("execa");
    const result = await execa("ps", ["-o", "command=", "-p", String(pid)], { reject: false });
    const line = String(result.stdout ?? "").trim();
    return result.exitCode === 0 && line !== "" ? line.split(/\s+/) : undefined;
  }
}

/** Child processes through execa and node:child_process, with `childEnv` as their environment. */
export function createProcesses(childEnv: Readonly<Record<string, string | undefined>>): Processes {
  const envWith = (extra: Record<string, string> | undefined) => ({ ...childEnv, ...(extra ?? {}) });
  return {
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
    async run(command, args, options) {
      const { execa } = await import("execa");
      const child = execa(command, args, {
        cwd: options.cwd,
        env: envWith(options.env),
        extendEnv: false,
        all: true,
        reject: false,
        stdin: "ignore",
        cancelSignal: options.signal,
      });
      const onLine = options.onLine;
      if (onLine !== undefined && child.all !== undefined) {
        let pending = "";
        child.all.on("data", (chunk: Buffer) => {
          const lines = (pending + chunk.toString("utf8")).split(/\r?\n/);
          pending = lines.pop() ?? "";
          for (const line of lines) if (line.trim() !== "") onLine(line);
        });
      }
      const result = await child;
      const notFound = (result as { code?: string }).code === "ENOENT";
      return { exitCode: result.exitCode ?? -1, output: String(result.all ?? ""), notFound };
    },
    async startDetached(command, args, options) {
      const log = openSync(options.logFile, "a");
      try {
        const child = spawn(command, args, {
          cwd: options.cwd,
          env: Object.fromEntries(
            Object.entries(envWith(options.env)).filter(([name]) => !options.unset?.includes(name)),
          ),
          detached: true,
          stdio: ["ignore", log, log],
        });
        const pid = await new Promise<number>((resolve, reject) => {
          child.once("error", reject);
          child.once("spawn", () => {
            if (child.pid === undefined) reject(new Error(`${command} did not start`));
            else resolve(child.pid);
          });
        });
        child.unref();
        return { pid };
      } finally {
        closeSync(log);
      }
    },
    commandLine,
    async stop(pid, graceMs) {
      signalGroup(pid, "SIGTERM");
      const deadline = Date.now() + graceMs;
      while (alive(pid) && Date.now() < deadline) await pause(100);
      if (!alive(pid)) return;
      signalGroup(pid, "SIGKILL");
      while (alive(pid)) await pause(50);
    },
  };
}
