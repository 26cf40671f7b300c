import { lstat, mkdir, readFile, symlink, writeFile } from "node:fs/promises";
import path from "node:path";
import { execa } from "execa";
import { afterAll, describe, expect, it } from "vitest";
import { createProcesses } from "../src/adapters/processes.ts";
import { buildServiceBundle } from "../src/engine/image/bundle.ts";
import { readLedger, writeLedger } from "../src/engine/state/ledger.ts";
import { emptyLedger } from "../src/engine/state/ledger-schema.ts";
import { repoPaths } from "../src/paths.ts";
import { tempDirs } from "./support/capture-io.ts";
import { failureOf } from "./support/failure.ts";
import { freePort } from "./support/fakes.ts";
import { realBin } from "./support/real-bin.ts";

// issue 18 item 15: stackctl reads, writes and deletes nothing through a link in its state folder,
// and never takes another stack's ledger for this stack's.
const dirs = tempDirs("stackctl-links-");
afterAll(() => dirs.cleanup());

const ledgerOf = (stack: string) =>
  `${JSON.stringify({ ...emptyLedger(stack), mode: "container" }, null, 2)}\n`;

async function project() {
  const root = await dirs.make();
  const cwd = path.join(root, "project");
  const outside = path.join(root, "outside");
  await mkdir(path.join(cwd, ".stackctl"), { recursive: true });
  await mkdir(outside);
  const port = await freePort();
  const cli = realBin(cwd, {
    DOCKER_HOST: `unix://${path.join(root, "no-docker.sock")}`,
    STACKCTL_ENDPOINT: `http://127.0.0.1:${port}`,
  });
  const run = async (...argv: string[]) => {
    const result = await cli(...argv, "--json", "--stack", "victim");
    const last = String(result.stdout).trim().split("\n").at(-1) ?? "{}";
    return { code: result.exitCode, result: JSON.parse(last), out: String(result.stdout) };
  };
  return { cwd, outside, stackFolder: path.join(cwd, ".stackctl", "victim"), run };
}

describe("a symbolic link in the state folder is refused, never followed", () => {
  it("state.json linked to a file outside the project: up and down refuse it, status reports it, the file is untouched", async () => {
    const { outside, stackFolder, run } = await project();
    const precious = path.join(outside, "precious.json");
    await writeFile(precious, ledgerOf("victim"));
    const before = await readFile(precious, "utf8");
    await mkdir(stackFolder);
    await symlink(precious, path.join(stackFolder, "state.json"));
    for (const command of [["up"], ["down"], ["down", "--purge"], ["seed"]]) {
      const outcome = await run(...command);
      expect(outcome.code, `${command.join(" ")}: ${outcome.out}`).toBe(1);
      expect(outcome.result.error).toMatchObject({ code: "STATE_SYMLINK" });
      expect(outcome.result.error.message).toContain(path.join(stackFolder, "state.json"));
    }
    const status = await run("status");
    expect(status.result).toMatchObject({ ok: true, data: { mode: null } });
    expect(status.result.data.ledgerProblem).toContain("symbolic link");
    expect(await readFile(precious, "utf8")).toBe(before);
    expect((await lstat(path.join(stackFolder, "state.json"))).isSymbolicLink()).toBe(true);
  });

  it("a stack folder linked elsewhere: no lock or ledger is made through it", async () => {
    const { outside, stackFolder, run } = await project();
    await symlink(outside, stackFolder);
    const outcome = await run("up");
    expect(outcome.code, outcome.out).toBe(1);
    expect(outcome.result.error).toMatchObject({ code: "STATE_SYMLINK" });
    expect(await (await import("node:fs/promises")).readdir(outside)).toEqual([]);
  });

  it("writeLedger replaces nothing through a link (the write path itself)", async () => {
    const root = await dirs.make();
    const precious = path.join(root, "precious.txt");
    await writeFile(precious, "mine\n");
    await mkdir(path.join(root, "state", "victim"), { recursive: true });
    await symlink(precious, path.join(root, "state", "victim", "state.json"));
    const error = await failureOf(writeLedger(path.join(root, "state"), emptyLedger("victim")));
    expect(error.code).toBe("STATE_SYMLINK");
    expect(await readFile(precious, "utf8")).toBe("mine\n");
  });

  it("a build/dist linked to a folder outside: the bundle refuses it and the build script does not empty it", async () => {
    const root = await dirs.make();
    const outside = path.join(root, "outside");
    await mkdir(outside);
    // What an owned dist carries, so only the link itself can be the reason to refuse.
    await writeFile(path.join(outside, ".stackctl-owned"), "x\n");
    await writeFile(path.join(outside, "server.js"), "// the user's\n");
    const build = path.join(root, "build");
    await mkdir(build);
    await writeFile(path.join(build, ".stackctl-owned"), "x\n");
    await symlink(outside, path.join(build, "dist"));
    const error = await failureOf(
      buildServiceBundle(build, createProcesses(process.env), new AbortController().signal),
    );
    expect(error.code).toBe("STATE_SYMLINK");
    expect(error.message).toContain(path.join(build, "dist"));
    const script = await execa(process.execPath, [repoPaths.serviceBuildScript, path.join(build, "dist")], {
      cwd: repoPaths.serviceDir,
      reject: false,
    });
    expect(script.exitCode).toBe(1);
    expect(script.stderr).toContain("symbolic link");
    expect(await readFile(path.join(outside, "server.js"), "utf8")).toBe("// the user's\n");
  });
});

describe("a ledger that names another stack is refused", () => {
  it("up, down and seed refuse it with LEDGER_OTHER_STACK; status reports it", async () => {
    const { stackFolder, run } = await project();
    await mkdir(stackFolder);
    await writeFile(path.join(stackFolder, "state.json"), ledgerOf("someone-else"));
    for (const command of [["up"], ["down"], ["seed"]]) {
      const outcome = await run(...command);
      expect(outcome.code, `${command.join(" ")}: ${outcome.out}`).toBe(1);
      expect(outcome.result.error).toMatchObject({ code: "LEDGER_OTHER_STACK" });
      expect(outcome.result.error.message).toContain('belongs to stack "someone-else", not "victim"');
    }
    const status = await run("status");
    expect(status.result.data.ledgerProblem).toContain('belongs to stack "someone-else"');
    const error = await failureOf(readLedger(path.dirname(stackFolder), "victim"));
    expect(error.code).toBe("LEDGER_OTHER_STACK");
  });
});
