import { writeFile } from "node:fs/promises";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { loadConfig } from "../src/config/load.ts";
import { tempDirs } from "./support/capture-io.ts";
import { failureOf } from "./support/failure.ts";

const dirs = tempDirs();
afterEach(() => dirs.cleanup());

async function projectWith(config: unknown): Promise<string> {
  const dir = await dirs.make();
  await writeFile(path.join(dir, "stackctl.config.json"), JSON.stringify(config));
  return dir;
}

describe("config precedence: flags > env > file > defaults", () => {
  it("uses defaults when nothing is set", async () => {
    const cwd = await dirs.make();
    const config = await loadConfig({ flags: {}, env: {}, cwd });
    expect(config).toMatchObject({
      stack: "stackctl",
      mode: "lambda",
      endpoint: undefined,
      region: "us-east-1",
      tableName: "stackctl-inventory",
      bucketName: "stackctl-files",
      stateDir: path.join(cwd, ".stackctl"),
      credentials: { accessKeyId: "test", secretAccessKey: "test" },
      emulator: { port: 4566 },
    });
    expect(config.sources.stack).toBe("default");
  });

  it("lets the file override defaults, env override the file, and flags override env", async () => {
    const cwd = await projectWith({
      stack: "from-file",
      region: "eu-west-1",
      mode: "container",
      tableName: "ShopInventory",
    });
    const fileOnly = await loadConfig({ flags: {}, env: {}, cwd });
    expect(fileOnly).toMatchObject({
      stack: "from-file",
      region: "eu-west-1",
      mode: "container",
      tableName: "ShopInventory",
    });
    expect(fileOnly.bucketName).toBe("from-file-files");

    const env = {
      STACKCTL_STACK: "from-env",
      AWS_REGION: "eu-central-1",
      STACKCTL_ENDPOINT: "http://127.0.0.1:4599",
    };
    const withEnv = await loadConfig({ flags: {}, env, cwd });
    expect(withEnv).toMatchObject({
      stack: "from-env",
      region: "eu-central-1",
      endpoint: "http://127.0.0.1:4599",
    });
    expect(withEnv.sources).toMatchObject({ stack: "env", region: "env", mode: "file" });

    const withFlags = await loadConfig({ flags: { stack: "from-flag", mode: "lambda" }, env, cwd });
    expect(withFlags).toMatchObject({ stack: "from-flag", mode: "lambda", region: "eu-central-1" });
    expect(withFlags.sources).toMatchObject({ stack: "flag", mode: "flag" });
  });

  it("prefers STACKCTL_ENDPOINT over AWS_ENDPOINT_URL and STACKCTL_REGION over AWS_REGION", async () => {
    const cwd = await dirs.make();
    const config = await loadConfig({
      flags: {},
      env: {
        AWS_ENDPOINT_URL: "http://127.0.0.1:1111",
        STACKCTL_ENDPOINT: "http://127.0.0.1:2222/",
        AWS_REGION: "eu-west-1",
        STACKCTL_REGION: "us-west-2",
      },
      cwd,
    });
    expect(config.endpoint).toBe("http://127.0.0.1:2222");
    expect(config.region).toBe("us-west-2");
  });

  it("resolves paths in the file relative to the file, not the cwd", async () => {
    const cwd = await projectWith({ fixturesDir: "my-fixtures", stateDir: "state" });
    const config = await loadConfig({ flags: {}, env: {}, cwd });
    expect(config.fixturesDir).toBe(path.join(cwd, "my-fixtures"));
    expect(config.stateDir).toBe(path.join(cwd, "state"));
  });

  it("never keeps the LocalStack auth token in config, only whether it is set", async () => {
    const cwd = await dirs.make();
    const config = await loadConfig({ flags: {}, env: { LOCALSTACK_AUTH_TOKEN: "ls-secret" }, cwd });
    expect(config.authTokenPresent).toBe(true);
    expect(JSON.stringify(config)).not.toContain("ls-secret");
  });
});

describe("config errors name the field and where it came from", () => {
  it("names the bad field and the file", async () => {
    const cwd = await projectWith({ stack: "Bad Name!" });
    const error = await failureOf(loadConfig({ flags: {}, env: {}, cwd }));
    expect(error.code).toBe("CONFIG_INVALID");
    expect(error.exitCode).toBe(2);
    expect(error.message).toContain(path.join(cwd, "stackctl.config.json"));
    expect(error.message).toContain('"stack"');
  });

  it("rejects unknown keys so typos do not pass silently", async () => {
    const cwd = await projectWith({ tabelName: "x" });
    const error = await failureOf(loadConfig({ flags: {}, env: {}, cwd }));
    expect(error.code).toBe("CONFIG_INVALID");
    expect(error.message).toContain("tabelName");
  });

  it("reports a file that is not JSON as unreadable", async () => {
    const cwd = await dirs.make();
    await writeFile(path.join(cwd, "stackctl.config.json"), "{ not json");
    const error = await failureOf(loadConfig({ flags: {}, env: {}, cwd }));
    expect(error.code).toBe("CONFIG_UNREADABLE");
    expect(error.exitCode).toBe(2);
  });

  it("fails when an explicitly named config file is missing", async () => {
    const cwd = await dirs.make();
    const error = await failureOf(loadConfig({ flags: { config: "nope.json" }, env: {}, cwd }));
    expect(error.code).toBe("CONFIG_UNREADABLE");
  });

  it("names the environment variable that holds a bad value", async () => {
    const cwd = await dirs.make();
    const error = await failureOf(loadConfig({ flags: {}, env: { STACKCTL_ENDPOINT: "not a url" }, cwd }));
    expect(error.message).toContain("STACKCTL_ENDPOINT");
  });

  it("treats an unknown --mode as a usage error (exit 2)", async () => {
    const cwd = await dirs.make();
    const error = await failureOf(loadConfig({ flags: { mode: "kubernetes" }, env: {}, cwd }));
    expect(error.code).toBe("UNKNOWN_MODE");
    expect(error.exitCode).toBe(2);
    expect(error.hint).toContain("--mode container or --mode lambda");
  });

  it("lets a flag override a bad env or file value: only the value that wins is checked", async () => {
    const cwd = await projectWith({ region: "moon-1" });
    const env = { STACKCTL_ENDPOINT: "not a url", STACKCTL_MODE: "k8s" };
    const config = await loadConfig({
      flags: { endpoint: "http://127.0.0.1:4566", region: "eu-west-1", mode: "container" },
      env,
      cwd,
    });
    expect(config).toMatchObject({
      endpoint: "http://127.0.0.1:4566",
      region: "eu-west-1",
      mode: "container",
    });
    const fromEnv = await failureOf(loadConfig({ flags: { region: "eu-west-1" }, env, cwd }));
    expect(fromEnv.code).toBe("UNKNOWN_MODE");
    expect(fromEnv.message).toBe('Unknown mode "k8s" (from environment variable STACKCTL_MODE).');
  });

  it("names an unknown key as the field", async () => {
    const cwd = await projectWith({ stak: "demo" });
    const error = await failureOf(loadConfig({ flags: {}, env: {}, cwd }));
    expect(error.message).toBe(
      `Invalid config in ${path.join(cwd, "stackctl.config.json")}: "stak": unknown key`,
    );
  });

  it("says a missing --config file is missing instead of asking for valid JSON", async () => {
    const cwd = await dirs.make();
    const error = await failureOf(loadConfig({ flags: { config: "nope.json" }, env: {}, cwd }));
    expect(error.hint).toContain("does not exist");
    expect(error.hint).not.toContain("JSON");
  });

  it("names `switch <mode>` as where an unknown mode came from", async () => {
    const cwd = await dirs.make();
    const error = await failureOf(
      loadConfig({ flags: { mode: "weird", modeFrom: "`switch weird`" }, env: {}, cwd }),
    );
    expect(error.message).toBe('Unknown mode "weird" (from `switch weird`).');
  });
});
