import { readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { z } from "zod";
import { StackctlError } from "../errors.ts";
import { type Environment, type EnvName, readEnv } from "./env.ts";
import {
  type ConfigLayer,
  type ConfigSource,
  configLayerSchema,
  isMode,
  type Mode,
  type StackctlConfig,
} from "./schema.ts";

export interface ConfigFlags {
  stack?: string;
  mode?: string;
  endpoint?: string;
  region?: string;
  config?: string;
}

export interface LoadConfigInput {
  flags: ConfigFlags;
  env: Environment;
  cwd: string;
}

const defaultConfigFile = "stackctl.config.json";
const repoFixturesDir = fileURLToPath(new URL("../../../fixtures/", import.meta.url));

const envNames: Partial<Record<keyof ConfigLayer, EnvName[]>> = {
  stack: ["STACKCTL_STACK"],
  mode: ["STACKCTL_MODE"],
  endpoint: ["STACKCTL_ENDPOINT", "AWS_ENDPOINT_URL"],
  region: ["STACKCTL_REGION", "AWS_REGION", "AWS_DEFAULT_REGION"],
  tableName: ["STACKCTL_TABLE"],
  bucketName: ["STACKCTL_BUCKET"],
  stateDir: ["STACKCTL_STATE_DIR"],
  fixturesDir: ["STACKCTL_FIXTURES_DIR"],
};

function describeIssue(issue: z.core.$ZodIssue): string {
  const field = issue.path.length > 0 ? issue.path.join(".") : "(top level)";
  return `"${field}": ${issue.message}`;
}

function parseLayer(raw: unknown, source: string, fieldLabel: (field: string) => string): ConfigLayer {
  const parsed = configLayerSchema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const field = String(issue?.path[0] ?? "");
  const detail = issue === undefined ? "invalid" : describeIssue(issue);
  throw new StackctlError("CONFIG_INVALID", { source: field === "" ? source : fieldLabel(field), detail });
}

// A mode typed on the command line or in STACKCTL_MODE is a usage slip, not a config file problem.
function checkMode(value: string | undefined, where: string): Mode | undefined {
  if (value === undefined || isMode(value)) return value;
  throw new StackctlError("UNKNOWN_MODE", { mode: value, where });
}

async function readFileLayer(file: string, required: boolean): Promise<ConfigLayer> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    if (!required && (error as NodeJS.ErrnoException).code === "ENOENT") return {};
    throw new StackctlError("CONFIG_UNREADABLE", { file, detail: (error as Error).message });
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new StackctlError("CONFIG_UNREADABLE", { file, detail: (error as Error).message });
  }
  const layer = parseLayer(raw, file, () => file);
  const dir = path.dirname(file);
  // Paths in the file are relative to the file, so the config works from any cwd.
  return {
    ...layer,
    ...(layer.fixturesDir === undefined ? {} : { fixturesDir: path.resolve(dir, layer.fixturesDir) }),
    ...(layer.stateDir === undefined ? {} : { stateDir: path.resolve(dir, layer.stateDir) }),
  };
}

function envLayer(env: Environment): { layer: ConfigLayer; names: Record<string, string> } {
  const raw: Record<string, string> = {};
  const names: Record<string, string> = {};
  for (const [key, candidates] of Object.entries(envNames)) {
    for (const name of candidates) {
      const value = readEnv(env, name);
      if (value !== undefined) {
        raw[key] = value;
        names[key] = name;
        break;
      }
    }
  }
  checkMode(raw.mode, names.mode ?? "environment");
  const layer = parseLayer(raw, "environment", (field) => `environment variable ${names[field] ?? field}`);
  return { layer, names };
}

function flagLayer(flags: ConfigFlags): ConfigLayer {
  checkMode(flags.mode, "--mode");
  const raw = Object.fromEntries(
    Object.entries({
      stack: flags.stack,
      mode: flags.mode,
      endpoint: flags.endpoint,
      region: flags.region,
    }).filter(([, value]) => value !== undefined),
  );
  return parseLayer(raw, "command-line flags", (field) => `flag --${field}`);
}

type Layers = [ConfigSource, ConfigLayer][];

function pick<K extends keyof ConfigLayer>(layers: Layers, key: K, sources: Record<string, ConfigSource>) {
  for (const [source, layer] of layers) {
    const value = layer[key];
    if (value !== undefined) {
      sources[key] = source;
      return value;
    }
  }
  sources[key] = "default";
  return undefined;
}

/** Resolves settings with precedence flags > env (STACKCTL_*, AWS_*) > stackctl.config.json > defaults. */
export async function loadConfig({ flags, env, cwd }: LoadConfigInput): Promise<StackctlConfig> {
  const flagSettings = flagLayer(flags);
  const { layer: envSettings } = envLayer(env);
  const explicitFile = flags.config ?? readEnv(env, "STACKCTL_CONFIG");
  const configFile = path.resolve(cwd, explicitFile ?? defaultConfigFile);
  const fileSettings = await readFileLayer(configFile, explicitFile !== undefined);
  const layers: Layers = [
    ["flag", flagSettings],
    ["env", envSettings],
    ["file", fileSettings],
  ];
  const sources: Record<string, ConfigSource> = {};
  const stack = pick(layers, "stack", sources) ?? "stackctl";
  const port = fileSettings.emulator?.port ?? 4566;
  const sessionToken = readEnv(env, "AWS_SESSION_TOKEN");
  return {
    stack,
    mode: pick(layers, "mode", sources) ?? "lambda",
    endpoint: pick(layers, "endpoint", sources)?.replace(/\/+$/, ""),
    region: pick(layers, "region", sources) ?? "us-east-1",
    tableName: pick(layers, "tableName", sources) ?? `${stack}-inventory`,
    bucketName: pick(layers, "bucketName", sources) ?? `${stack}-files`,
    fixturesDir: path.resolve(cwd, pick(layers, "fixturesDir", sources) ?? repoFixturesDir),
    stateDir: path.resolve(cwd, pick(layers, "stateDir", sources) ?? ".stackctl"),
    projectDir: cwd,
    configFile: fileSettings === undefined || Object.keys(fileSettings).length === 0 ? undefined : configFile,
    emulator: { port, readyTimeoutMs: fileSettings.emulator?.readyTimeoutMs ?? 120_000 },
    credentials: {
      accessKeyId: readEnv(env, "AWS_ACCESS_KEY_ID") ?? "test",
      secretAccessKey: readEnv(env, "AWS_SECRET_ACCESS_KEY") ?? "test",
      ...(sessionToken === undefined ? {} : { sessionToken }),
    },
    authTokenPresent: readEnv(env, "LOCALSTACK_AUTH_TOKEN") !== undefined,
    sources,
  };
}
