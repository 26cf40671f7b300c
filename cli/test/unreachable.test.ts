import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { type ErrorCode, errorTable } from "../src/errors.ts";
import { tempDirs } from "./support/capture-io.ts";
import { freePort } from "./support/fakes.ts";
import { realBin } from "./support/real-bin.ts";

// issue 18 item 11: with the emulator down (a closed local port) and Docker down (no engine socket),
// every command answers with its environment code and documented exit, never INTERNAL ("a bug").
const dirs = tempDirs("stackctl-unreachable-");
afterAll(() => dirs.cleanup());

const commands = ["up", "status", "logs", "down", "smoke", "seed", "doctor"] as const;
// Without a ledger the mode only changes what `logs` reads, so one mode is enough there.
const cases = [
  ...commands.map((command) => ({ mode: "lambda", deployed: false, command })),
  ...(["lambda", "container"] as const).flatMap((mode) =>
    commands.map((command) => ({ mode, deployed: true, command })),
  ),
  { mode: "container", deployed: false, command: "logs" },
];

// What a stack that was up before the emulator and Docker went away has recorded.
function recordedLedger(stack: string, mode: string, endpoint: string) {
  const at = new Date().toISOString();
  const resource = (kind: string, name: string, extra: Record<string, unknown> = {}) => ({
    kind,
    name,
    ownedByStackctl: true,
    recordedAt: at,
    state: "active",
    attributes: {},
    ...extra,
  });
  return {
    version: 2,
    stack,
    updatedAt: at,
    endpoint,
    mode,
    emulator: { kind: "ministack", version: "1", managed: false, startedByStackctl: false },
    resources: [
      resource("table", `${stack}-inventory`),
      resource("bucket", `${stack}-files`),
      resource("network", `stackctl-${stack}`),
      mode === "lambda"
        ? resource("function", `stackctl-${stack}-fn-abc`)
        : resource("container", `stackctl-${stack}-service-abc`, { id: "abc" }),
      resource("rest-api", `stackctl-${stack}`, { id: "abcdef" }),
    ],
    fixtures: { items: {}, files: {} },
  };
}

describe("every command with the emulator and Docker unreachable", () => {
  it.concurrent.each(cases)(
    "$command ($mode mode, deployed before: $deployed)",
    async ({ mode, deployed, command }) => {
      const cwd = await dirs.make();
      const endpoint = `http://127.0.0.1:${await freePort()}`;
      if (deployed) {
        await mkdir(path.join(cwd, ".stackctl", "gone"), { recursive: true });
        await writeFile(
          path.join(cwd, ".stackctl", "gone", "state.json"),
          JSON.stringify(recordedLedger("gone", mode, endpoint)),
        );
      }
      const run = await realBin(cwd, {
        DOCKER_HOST: `unix://${path.join(cwd, "no-docker.sock")}`,
        STACKCTL_ENDPOINT: endpoint,
        STACKCTL_MODE: mode,
      })(command, "--json", "--stack", "gone");
      const last = JSON.parse(String(run.stdout).trim().split("\n").at(-1) ?? "{}");
      expect(last.type, `${run.stdout}${run.stderr}`).toBe("result");
      if (last.ok === true) {
        // status reports an unreachable emulator in its result (exit 0, or 4 for what it calls drift); down
        // keeps what it cannot reach and says so.
        expect(["status", "down"]).toContain(command);
        expect([0, 4]).toContain(run.exitCode);
        return;
      }
      const code = last.error.code as ErrorCode;
      expect(code, last.error.message).not.toBe("INTERNAL");
      expect(run.exitCode).toBe(errorTable[code].exit);
      expect(run.exitCode, `${code}: ${last.error.message}`).toBe(3);
      expect(String(run.stderr)).not.toMatch(/\n\s+at /);
    },
    // Each is a real process; on a loaded 2-core machine a few at once take longer than the default.
    60_000,
  );

  it("logs of a lambda stack names the emulator it could not reach (EMULATOR_UNREACHABLE, exit 3)", async () => {
    const cwd = await dirs.make();
    const endpoint = `http://127.0.0.1:${await freePort()}`;
    const run = await realBin(cwd, { STACKCTL_ENDPOINT: endpoint, STACKCTL_MODE: "lambda" })(
      "logs",
      "--json",
    );
    expect(run.exitCode).toBe(3);
    const last = JSON.parse(String(run.stdout).trim().split("\n").at(-1) ?? "{}");
    expect(last.error).toMatchObject({
      code: "EMULATOR_UNREACHABLE",
      message: `No AWS emulator answered at ${endpoint} (ECONNREFUSED).`,
      retryable: true,
    });
  });
});

describe("the nets under every command", () => {
  const refused = (address: string, port?: number) =>
    Object.assign(new Error(`connect ECONNREFUSED ${address}${port === undefined ? "" : `:${port}`}`), {
      code: "ECONNREFUSED",
      address,
      ...(port === undefined ? {} : { port }),
    });

  it("toStackctlError: a refused host:port is the emulator's, a socket path Docker's, a TypeError a bug", async () => {
    const { toStackctlError } = await import("../src/errors.ts");
    expect(toStackctlError(refused("127.0.0.1", 4599))).toMatchObject({
      code: "EMULATOR_UNREACHABLE",
      message: "No AWS emulator answered at http://127.0.0.1:4599 (ECONNREFUSED).",
      exitCode: 3,
    });
    const viaFetch = new TypeError("fetch failed", { cause: refused("127.0.0.1", 4599) });
    expect(toStackctlError(viaFetch).code).toBe("EMULATOR_UNREACHABLE");
    expect(toStackctlError(refused("/var/run/docker.sock"))).toMatchObject({
      code: "DOCKER_NOT_RUNNING",
      exitCode: 3,
    });
    expect(toStackctlError(new TypeError("x is undefined")).code).toBe("INTERNAL");
  });

  it("classifyError: nothing answering is EMULATOR_UNREACHABLE; an answer that is an error stays AWS_CALL_FAILED", async () => {
    const { classifyError } = await import("../src/engine/classify-error.ts");
    const sdkRefused = Object.assign(refused("127.0.0.1", 4599), { $metadata: { attempts: 3 } });
    expect(classifyError("logs", sdkRefused, "http://127.0.0.1:4599")).toMatchObject({
      code: "EMULATOR_UNREACHABLE",
      message: "No AWS emulator answered at http://127.0.0.1:4599 (ECONNREFUSED).",
    });
    const answered = Object.assign(new Error("Service unavailable"), {
      name: "ServiceUnavailable",
      $metadata: { httpStatusCode: 503 },
    });
    expect(classifyError("logs", answered)).toMatchObject({ code: "AWS_CALL_FAILED" });
  });
});
