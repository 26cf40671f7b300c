import { randomBytes } from "node:crypto";
import { mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { StackctlError } from "../../../errors.ts";
import type { EngineContext } from "../../context.ts";
import type { Processes } from "../../ports.ts";
import { runStep } from "../../step.ts";
import { ministackFiles } from "./files.ts";
import { ministackRequirement, ministackVersion } from "./pin.ts";

const marker = ".stackctl-installed";
const minimumPython = [3, 10] as const;

const tail = (output: string, lines = 15) =>
  output
    .split("\n")
    .filter((line) => line.trim() !== "")
    .slice(-lines);

/** Whether `venv` holds the pinned ministack and its interpreter still runs (pyenv may have removed it). */
async function installed(processes: Processes, venv: string, python: string, cwd: string): Promise<boolean> {
  const recorded = await readFile(`${venv}/${marker}`, "utf8").catch(() => undefined);
  if (recorded?.trim() !== ministackRequirement) return false;
  const check = await processes.run(
    python,
    ["-c", "import importlib.metadata as m; print(m.version('ministack'))"],
    { cwd, signal: new AbortController().signal },
  );
  return check.exitCode === 0 && check.output.trim() === ministackVersion;
}

/** python3 ≥ 3.10 with the venv module, or a PYTHON_MISSING that says what to install. */
async function hostPython(ctx: EngineContext, processes: Processes, cwd: string): Promise<string> {
  const script = "import sys, venv, ensurepip; print('%d.%d' % sys.version_info[:2])";
  const found = await processes.run("python3", ["-c", script], { cwd, signal: ctx.signal });
  if (found.notFound) throw new StackctlError("PYTHON_MISSING", { detail: "python3 is not on PATH" });
  const version = found.output.trim().split("\n").at(-1) ?? "";
  if (found.exitCode !== 0)
    throw new StackctlError("PYTHON_MISSING", {
      detail: `python3 has no venv/ensurepip module (${tail(found.output, 1)[0] ?? "import failed"})`,
    });
  const [major = 0, minor = 0] = version.split(".").map(Number);
  if (major < minimumPython[0] || (major === minimumPython[0] && minor < minimumPython[1]))
    throw new StackctlError("PYTHON_MISSING", {
      detail: `python3 is ${version}; ministack ${ministackVersion} needs ${minimumPython.join(".")} or newer`,
    });
  return "python3";
}

/**
 * The pinned ministack in a venv in stackctl's cache dir: reused when it is there (no network),
 * else created beside it and moved into place once complete, so an interrupted or concurrent
 * install never leaves a half venv where the next run looks.
 */
export async function ensureMinistackInstalled(
  ctx: EngineContext,
  processes: Processes,
): Promise<{ python: string; installedNow: boolean }> {
  const files = ministackFiles(ctx.config.cacheDir, ctx.config.emulator.port);
  await mkdir(ctx.config.cacheDir, { recursive: true });
  const cwd = ctx.config.cacheDir;
  if (await installed(processes, files.venv, files.python, cwd))
    return { python: files.python, installedNow: false };
  return runStep(ctx, {}, "emulator.install", async () => {
    const python = await hostPython(ctx, processes, cwd);
    ctx.emit({
      step: "emulator.install",
      status: "warn",
      message: `installing ${ministackRequirement} from PyPI into ${files.venv} (first run only; about a minute)`,
    });
    const partial = `${files.venv}.partial-${randomBytes(4).toString("hex")}`;
    try {
      const venv = await processes.run(python, ["-m", "venv", partial], { cwd, signal: ctx.signal });
      if (venv.exitCode !== 0)
        throw new StackctlError(
          "EMULATOR_INSTALL_FAILED",
          { detail: `\`${python} -m venv\` failed (exit ${venv.exitCode})` },
          { details: tail(venv.output) },
        );
      let packages = 0;
      const pip = await processes.run(
        `${partial}/bin/python`,
        [
          "-m",
          "pip",
          "install",
          "--disable-pip-version-check",
          "--progress-bar",
          "off",
          ministackRequirement,
        ],
        {
          cwd,
          signal: ctx.signal,
          onLine: (line) => {
            if (line.startsWith("Collecting ")) packages += 1;
            ctx.emit({ step: "emulator.install", status: "log", message: line });
          },
        },
      );
      if (pip.exitCode !== 0)
        throw new StackctlError(
          "EMULATOR_INSTALL_FAILED",
          { detail: `pip install ${ministackRequirement} failed (exit ${pip.exitCode})` },
          { details: tail(pip.output) },
        );
      await writeFile(`${partial}/${marker}`, `${ministackRequirement}\n`);
      await rm(files.venv, { recursive: true, force: true });
      await rename(partial, files.venv).catch(async (error: NodeJS.ErrnoException) => {
        // Another stackctl finished the same install first: keep its venv.
        if (error.code !== "ENOTEMPTY" && error.code !== "EEXIST") throw error;
      });
      return {
        value: { python: files.python, installedNow: true },
        message: `installed ${ministackRequirement} (${packages} packages) into ${files.venv}`,
      };
    } finally {
      await rm(partial, { recursive: true, force: true });
    }
  });
}
