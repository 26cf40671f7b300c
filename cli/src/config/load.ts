import { readFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { z } from "zod";
import { defaultModeName, modeFlags } from "../engine/modes/table.ts";
import { StackctlError } from "../errors.ts";
import { repoPaths } from "../paths.ts";
import { type Environment, type EnvName, readEnv } from "./env.ts";
import {
  type ConfigLayer,
  type ConfigSource,
  configLayerSchema,
  emulatorCredentials,
  isMode,
  type StackctlConfig,
} from "./schema.ts";

export interface ConfigFlags {
  stack?: string;
  mode?: string;
  endpoint?: string;
  region?: string;
  config?: string;
  package?: string;
  keepPrevious?: boolean;
  /** --emulator: which emulator stackctl manages (localstack|ministack). */
  emulator?: string;
  /** --emulator-port: the managed emulator's port on 127.0.0.1. */
  emulatorPort?: string;
  /** How the user typed the mode, for errors, when not as --mode (e.g. "`switch weird`"). */
  modeFrom?: string;
}

export interface LoadConfigInput {
  flags: ConfigFlags;
  env: Environment;
  cwd: string;
}

const defaultConfigFile = "stackctl.config.json";
const repoFixturesDir = repoPaths.fixturesDir;

const envNames: Partial<Record<keyof ConfigLayer, EnvName[]>> = {
  stack: ["STACKCTL_STACK"],
  mode: ["STACKCTL_MODE"],
  endpoint: ["STACKCTL_ENDPOINT", "AWS_ENDPOINT_URL"],
  region: ["STACKCTL_REGION", "AWS_REGION", "AWS_DEFAULT_REGION"],
  tableName: ["STACKCTL_TABLE"],
  bucketName: ["STACKCTL_BUCKET"],
  stateDir: ["STACKCTL_STATE_DIR"],
  fixturesDir: ["STACKCTL_FIXTURES_DIR"],
  baseImage: ["STACKCTL_BASE_IMAGE"],
  lambdaBaseImage: ["STACKCTL_LAMBDA_BASE_IMAGE"],
  package: ["STACKCTL_PACKAGE"],
  containerPort: ["STACKCTL_CONTAINER_PORT"],
  containerEndpoint: ["STACKCTL_CONTAINER_ENDPOINT"],
  registry: ["STACKCTL_REGISTRY"],
  maxUploadBytes: ["STACKCTL_MAX_UPLOAD_BYTES"],
  cacheDir: ["STACKCTL_CACHE_DIR"],
};

/** The `emulator` block's keys that a flag or a variable can set too; the rest come from the file. */
const emulatorEnvNames = { kind: "STACKCTL_EMULATOR_KIND", port: "STACKCTL_EMULATOR_PORT" } as const;
const emulatorFlagNames: Record<string, string> = { kind: "--emulator", port: "--emulator-port" };
const emulatorKeys = ["kind", "port", "readyTimeoutMs"] as const;

function describeIssue(issue: z.core.$ZodIssue): string {
  if (issue.code === "unrecognized_keys") {
    const prefix = issue.path.length > 0 ? `${issue.path.join(".")}.` : "";
    return `${issue.keys.map((key) => `"${prefix}${key}"`).join(", ")}: unknown key`;
  }
  const field = issue.path.length > 0 ? issue.path.join(".") : "(top level)";
  return `"${field}": ${issue.message}`;
}

function configInvalid(source: string, issue: z.core.$ZodIssue | undefined): StackctlError {
  return new StackctlError("CONFIG_INVALID", {
    source,
    detail: issue === undefined ? "invalid" : describeIssue(issue),
  });
}

type RawLayer = Record<string, unknown>;

async function readFileLayer(file: string, required: boolean): Promise<RawLayer> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    const missing = (error as NodeJS.ErrnoException).code === "ENOENT";
    if (!required && missing) return {};
    const fix = missing
      ? "The file does not exist: check the path given with --config or STACKCTL_CONFIG, or drop it to use ./stackctl.config.json."
      : "Check that it is a file your user may read.";
    throw new StackctlError("CONFIG_UNREADABLE", { file, detail: (error as Error).message, fix });
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    const fix = "Make it valid JSON, or remove it to use the defaults.";
    throw new StackctlError("CONFIG_UNREADABLE", { file, detail: (error as Error).message, fix });
  }
  // Unknown keys can only come from the file; values are checked once layers are merged.
  const keys = configLayerSchema.keyof();
  if (typeof raw !== "object" || raw === null || Array.isArray(raw))
    throw configInvalid(file, { code: "custom", path: [], message: "must be a JSON object", input: raw });
  const unknown = Object.keys(raw).filter((key) => !keys.safeParse(key).success);
  if (unknown.length > 0)
    throw configInvalid(file, {
      code: "unrecognized_keys",
      keys: unknown,
      path: [],
      message: "",
      input: raw as RawLayer,
    });
  return raw as RawLayer;
}

function envLayer(env: Environment): { layer: RawLayer; names: Record<string, string> } {
  const layer: RawLayer = {};
  const names: Record<string, string> = {};
  for (const [key, candidates] of Object.entries(envNames)) {
    for (const name of candidates) {
      const value = readEnv(env, name);
      if (value !== undefined) {
        layer[key] = value;
        names[key] = name;
        break;
      }
    }
  }
  const emulator: RawLayer = {};
  for (const [key, name] of Object.entries(emulatorEnvNames)) {
    const value = readEnv(env, name);
    if (value === undefined) continue;
    emulator[key] = key === "port" ? digits(value) : value;
    names[`emulator.${key}`] = name;
  }
  if (Object.keys(emulator).length > 0) layer.emulator = emulator;
  return { layer, names };
}

function flagLayer(flags: ConfigFlags): RawLayer {
  const defined = (entries: Record<string, unknown>) =>
    Object.fromEntries(Object.entries(entries).filter(([, value]) => value !== undefined));
  const emulator = defined({
    kind: flags.emulator,
    port: flags.emulatorPort === undefined ? undefined : digits(flags.emulatorPort),
  });
  return defined({
    stack: flags.stack,
    mode: flags.mode,
    endpoint: flags.endpoint,
    region: flags.region,
    package: flags.package,
    keepPrevious: flags.keepPrevious,
    emulator: Object.keys(emulator).length > 0 ? emulator : undefined,
  });
}

/** A port typed in a variable or flag: decimal digits become a number; anything else stays for the schema to name. */
const digits = (value: string): unknown => (/^[0-9]{1,5}$/.test(value) ? Number(value) : value);

const isRecord = (value: unknown): value is RawLayer =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/**
 * The `emulator` block key by key (a flag's kind and the file's port both count); what the file has
 * beyond the known keys stays, so the schema names it. A block that is not an object is the file's.
 */
function mergeEmulator(layers: Layers, sources: Record<string, ConfigSource>): unknown {
  const blocks = layers.map(([source, layer]) => [source, layer.emulator] as const);
  const file = blocks.find(([source]) => source === "file")?.[1];
  if (file !== undefined && !isRecord(file)) return file;
  const merged: RawLayer = { ...(file ?? {}) };
  for (const key of emulatorKeys) {
    const winner = blocks.find(([, block]) => isRecord(block) && block[key] !== undefined);
    sources[`emulator.${key}`] = winner?.[0] ?? "default";
    if (winner !== undefined && isRecord(winner[1])) merged[key] = winner[1][key];
  }
  return Object.keys(merged).length > 0 ? merged : undefined;
}

type Layers = [ConfigSource, RawLayer][];

/** Takes each key from the first layer that sets it, and records which layer that was. */
function merge(layers: Layers): { raw: RawLayer; sources: Record<string, ConfigSource> } {
  const raw: RawLayer = {};
  const sources: Record<string, ConfigSource> = {};
  for (const key of configLayerSchema.keyof().options) {
    const winner = layers.find(([, layer]) => layer[key] !== undefined);
    sources[key] = winner?.[0] ?? "default";
    if (winner !== undefined) raw[key] = winner[1][key];
  }
  const emulator = mergeEmulator(layers, sources);
  if (emulator === undefined) delete raw.emulator;
  else raw.emulator = emulator;
  return { raw, sources };
}

interface Origins {
  sources: Record<string, ConfigSource>;
  envNames: Record<string, string>;
  file: string;
  modeFrom: string | undefined;
}

// Only the value that won is validated, and an error names the flag, variable or file it came from.
function validate(raw: RawLayer, origins: Origins): ConfigLayer {
  const where = (field: string): string => {
    const source = origins.sources[field];
    if (source === "flag" && field.startsWith("emulator."))
      return `flag ${emulatorFlagNames[field.slice("emulator.".length)] ?? "--emulator"}`;
    if (source === "flag") return field === "mode" ? (origins.modeFrom ?? "--mode") : `flag --${field}`;
    if (source === "env") return `environment variable ${origins.envNames[field] ?? field}`;
    return origins.file;
  };
  // A mode typed on the command line or in STACKCTL_MODE is a usage slip, not a config file problem.
  const mode = raw.mode;
  if (typeof mode === "string" && !isMode(mode) && origins.sources.mode !== "file")
    throw new StackctlError("UNKNOWN_MODE", { mode, where: where("mode"), modes: modeFlags() });
  const parsed = configLayerSchema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const [first, second] = issue?.path ?? [];
  const field =
    first === "emulator" && second !== undefined ? `emulator.${String(second)}` : String(first ?? "");
  throw configInvalid(where(field), issue);
}

/** stackctl's own cache: $XDG_CACHE_HOME/stackctl, else ~/.cache/stackctl. */
function defaultCacheDir(env: Environment): string {
  const xdg = readEnv(env, "XDG_CACHE_HOME");
  return path.join(xdg ?? path.join(os.homedir(), ".cache"), "stackctl");
}

/** Resolves settings with precedence flags > env (STACKCTL_*, AWS_*) > stackctl.config.json > defaults. */
export async function loadConfig({ flags, env, cwd }: LoadConfigInput): Promise<StackctlConfig> {
  const { layer: envSettings, names } = envLayer(env);
  const explicitFile = flags.config ?? readEnv(env, "STACKCTL_CONFIG");
  const configFile = path.resolve(cwd, explicitFile ?? defaultConfigFile);
  const fileRaw = await readFileLayer(configFile, explicitFile !== undefined);
  const { raw, sources } = merge([
    ["flag", flagLayer(flags)],
    ["env", envSettings],
    ["file", fileRaw],
  ]);
  const settings = validate(raw, { sources, envNames: names, file: configFile, modeFrom: flags.modeFrom });
  // Paths in the file are relative to the file, so the config works from any cwd.
  const base = (key: "fixturesDir" | "stateDir" | "cacheDir") =>
    sources[key] === "file" ? path.dirname(configFile) : cwd;
  const stack = settings.stack ?? "stackctl";
  return {
    stack,
    mode: settings.mode ?? defaultModeName,
    endpoint: settings.endpoint?.replace(/\/+$/, ""),
    region: settings.region ?? "us-east-1",
    tableName: settings.tableName ?? `${stack}-inventory`,
    bucketName: settings.bucketName ?? `${stack}-files`,
    fixturesDir: path.resolve(base("fixturesDir"), settings.fixturesDir ?? repoFixturesDir),
    stateDir: path.resolve(base("stateDir"), settings.stateDir ?? ".stackctl"),
    projectDir: cwd,
    configFile: Object.keys(fileRaw).length === 0 ? undefined : configFile,
    cacheDir: path.resolve(base("cacheDir"), settings.cacheDir ?? defaultCacheDir(env)),
    emulator: {
      kind: settings.emulator?.kind ?? "localstack",
      port: settings.emulator?.port ?? 4566,
      readyTimeoutMs: settings.emulator?.readyTimeoutMs ?? 120_000,
    },
    baseImage: settings.baseImage ?? "node:22-slim",
    lambdaBaseImage: settings.lambdaBaseImage ?? "public.ecr.aws/lambda/nodejs:22",
    package: settings.package ?? "auto",
    containerPort: settings.containerPort ?? 8080,
    containerEndpoint: settings.containerEndpoint?.replace(/\/+$/, ""),
    registry: settings.registry,
    maxUploadBytes: settings.maxUploadBytes,
    keepPrevious: settings.keepPrevious ?? false,
    emulatorImage: readEnv(env, "STACKCTL_EMULATOR_IMAGE"),
    dockerHost: readEnv(env, "DOCKER_HOST"),
    credentials: { ...emulatorCredentials },
    authTokenPresent: readEnv(env, "LOCALSTACK_AUTH_TOKEN") !== undefined,
    sources,
  };
}
