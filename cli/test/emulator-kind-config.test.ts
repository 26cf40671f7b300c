import { readFileSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { loadConfig } from "../src/config/load.ts";
import { ministackRequirement, ministackVersion } from "../src/engine/emulator/ministack/pin.ts";
import { ministackArgs, ministackEnv } from "../src/engine/emulator/ministack/run.ts";
import { tempDirs } from "./support/capture-io.ts";
import { failureOf } from "./support/failure.ts";

const dirs = tempDirs();
afterEach(() => dirs.cleanup());

async function projectWith(config: unknown): Promise<string> {
  const dir = await dirs.make();
  await writeFile(path.join(dir, "stackctl.config.json"), JSON.stringify(config));
  return dir;
}

describe("which emulator stackctl manages: --emulator > STACKCTL_EMULATOR_KIND > emulator.kind > localstack", () => {
  it("manages LocalStack on 4566 when nothing says otherwise", async () => {
    const config = await loadConfig({ flags: {}, env: {}, cwd: await dirs.make() });
    expect(config.emulator).toMatchObject({ kind: "localstack", port: 4566 });
    expect(config.sources["emulator.kind"]).toBe("default");
  });

  it("takes the kind and port from the file, the environment over it and the flags over both, key by key", async () => {
    const cwd = await projectWith({ emulator: { kind: "localstack", port: 4600, readyTimeoutMs: 5000 } });
    const fromFile = await loadConfig({ flags: {}, env: {}, cwd });
    expect(fromFile.emulator).toEqual({ kind: "localstack", port: 4600, readyTimeoutMs: 5000 });
    const env = { STACKCTL_EMULATOR_KIND: "ministack", STACKCTL_EMULATOR_PORT: "4601" };
    const fromEnv = await loadConfig({ flags: {}, env, cwd });
    expect(fromEnv.emulator).toEqual({ kind: "ministack", port: 4601, readyTimeoutMs: 5000 });
    expect(fromEnv.sources["emulator.kind"]).toBe("env");
    const fromFlags = await loadConfig({ flags: { emulator: "localstack", emulatorPort: "4602" }, env, cwd });
    expect(fromFlags.emulator).toEqual({ kind: "localstack", port: 4602, readyTimeoutMs: 5000 });
    expect(fromFlags.sources).toMatchObject({ "emulator.kind": "flag", "emulator.port": "flag" });
  });

  it("names the flag or variable that holds an unknown kind or a bad port", async () => {
    const cwd = await dirs.make();
    const flag = await failureOf(loadConfig({ flags: { emulator: "floci" }, env: {}, cwd }));
    expect(flag.code).toBe("CONFIG_INVALID");
    expect(flag.message).toContain("flag --emulator");
    expect(flag.message).toContain('"localstack", "ministack"');
    const env = await failureOf(loadConfig({ flags: {}, env: { STACKCTL_EMULATOR_PORT: "0x10" }, cwd }));
    expect(env.message).toContain("STACKCTL_EMULATOR_PORT");
    expect(env.message).toContain('"emulator.port"');
  });

  it("keeps what it installs in STACKCTL_CACHE_DIR, else $XDG_CACHE_HOME/stackctl", async () => {
    const cwd = await dirs.make();
    const named = await loadConfig({ flags: {}, env: { STACKCTL_CACHE_DIR: "cache" }, cwd });
    expect(named.cacheDir).toBe(path.join(cwd, "cache"));
    const xdg = await loadConfig({ flags: {}, env: { XDG_CACHE_HOME: "/var/tmp/xdg" }, cwd });
    expect(xdg.cacheDir).toBe("/var/tmp/xdg/stackctl");
  });
});

describe("the managed ministack", () => {
  it("is the ministack the test harness runs (one pin in each, kept equal)", () => {
    const versions = readFileSync(new URL("../../scripts/test-env/versions.env", import.meta.url), "utf8");
    expect(/^MINISTACK_VERSION=(\S+)/m.exec(versions)?.[1]).toBe(ministackVersion);
    expect(ministackRequirement).toBe(`ministack[full]==${ministackVersion}`);
  });

  it("binds loopback and the Docker bridge gateway only, and labels its containers as stackctl's on its port", () => {
    const args = ministackArgs(4610, "172.17.0.1");
    expect(args.filter((_, index) => args[index - 1] === "--bind")).toEqual([
      "127.0.0.1:4610",
      "172.17.0.1:4610",
    ]);
    expect(args.join(" ")).not.toContain("0.0.0.0");
    expect(ministackEnv(4610)).toMatchObject({
      GATEWAY_PORT: "4610",
      MINISTACK_HOSTNAME: "stackctl",
      IOT_MTLS_ENABLED: "0",
      SFTP_ENABLED: "0",
    });
  });
});
