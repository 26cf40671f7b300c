import { mkdir, readFile } from "node:fs/promises";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { parse } from "yaml";
import type { PortOverrides } from "../src/composition/ports.ts";
import { systemClock } from "../src/engine/clock.ts";
import { composeTargetFor } from "../src/engine/emulator/compose-target.ts";
import { composeFile } from "../src/engine/emulator/pinned-image.ts";
import { environmentNamePattern } from "../src/engine/modes/lambda/environments.ts";
import type { AwsPorts, ContainerInfo } from "../src/engine/ports.ts";
import { writeLedger } from "../src/engine/state/ledger.ts";
import { emptyLedger } from "../src/engine/state/ledger-schema.ts";
import { runCli, tempDirs } from "./support/capture-io.ts";
import { emptyAws, emptyEmulatorAt } from "./support/fake-aws.ts";
import { emptyDockerEngine, engineContext, fakeEmulatorHost } from "./support/fakes.ts";
import { parseNdJson } from "./support/nd-json.ts";

// Issue 18 item 4: one managed LocalStack serves stacks from several project folders. The labels
// its containers carry are read from docker-compose.yml as compose would give them, so these tests
// follow the real file.

const dirs = tempDirs();
afterEach(() => dirs.cleanup());

interface ComposeService {
  environment: Record<string, string>;
  labels: Record<string, string>;
}

/** `${NAME:-default}` as compose interpolates it with `env`. */
function interpolate(text: string, env: Record<string, string>): string {
  return text.replace(/\$\{([A-Z_]+)(?::-([^}]*))?\}/g, (_, name: string, fallback?: string) => {
    const value = env[name];
    return value === undefined || value === "" ? (fallback ?? "") : value;
  });
}

/** The managed LocalStack's labels and the labels LAMBDA_DOCKER_FLAGS gives its function containers. */
async function composeLabels(env: Record<string, string>) {
  const service = (parse(await readFile(composeFile, "utf8")) as { services: { localstack: ComposeService } })
    .services.localstack;
  const emulator = Object.fromEntries(
    Object.entries(service.labels).map(([key, value]) => [key, interpolate(value, env)]),
  );
  const flags = interpolate(service.environment.LAMBDA_DOCKER_FLAGS ?? "", env).split(/\s+/);
  const functions: Record<string, string> = {};
  flags.forEach((flag, index) => {
    if (flag !== "-l") return;
    const [key = "", value = ""] = (flags[index + 1] ?? "").split("=");
    functions[key] = value;
  });
  return { emulator, functions };
}

/** The compose env stackctl gives when `stack` starts the LocalStack (composeTargetFor). */
async function startedBy(stack: string): Promise<Record<string, string>> {
  const ctx = await engineContext("/tmp", { stack });
  return composeTargetFor(ctx.config, ctx.secrets).env;
}

const runtimeId = (digit: string) => digit.repeat(32);

function container(name: string, labels: Record<string, string>, ports: Record<number, number> = {}) {
  return {
    id: `id-${name}`,
    name,
    image: "stackctl-test/lambda-nodejs:22",
    running: true,
    exitCode: 0,
    status: "running",
    health: undefined,
    labels,
    ports,
    networks: [],
  } satisfies ContainerInfo;
}

/**
 * The Docker engine of that machine: the compose LocalStack publishing 4566 and a function container
 * for each stack's function, named as LocalStack names them. `removed` lists what `down` removed.
 */
async function machine(starter: string, labelEnv: Record<string, string>, functionStacks: string[]) {
  const { emulator, functions } = await composeLabels(labelEnv);
  const main = `stackctl-${starter}-localstack-1`;
  const containers: ContainerInfo[] = [
    container(main, emulator, { 4566: 4566 }),
    ...functionStacks.map((stack, index) =>
      container(`${main}-lambda-stackctl-${stack}-fn-0123456789-${runtimeId(String(index + 1))}`, functions),
    ),
  ];
  const removed: string[] = [];
  const engine = {
    ...emptyDockerEngine(),
    findContainers: async (labels: Record<string, string>) =>
      containers.filter((c) =>
        Object.entries(labels).every(([key, value]) =>
          value === "" ? c.labels[key] !== undefined : c.labels[key] === value,
        ),
      ),
    stopContainer: async () => undefined,
    removeContainer: async (id: string) => {
      const index = containers.findIndex((c) => c.id === id);
      if (index !== -1) removed.push(...containers.splice(index, 1).map((c) => c.name));
    },
  };
  return { engine, removed, containers };
}

/** An emulator holding a table of each of `stacks`, tagged as stackctl tags them. */
function emulatorHolding(stacks: string[]): AwsPorts {
  const aws = emptyAws();
  const tables = new Map(stacks.map((stack) => [`${stack}-inventory`, stack]));
  aws.tables.names = async () => [...tables.keys()];
  aws.tables.describe = async (name) => {
    const stack = tables.get(name);
    return stack === undefined ? undefined : { arn: undefined, key: [], tags: { "stackctl:stack": stack } };
  };
  return aws;
}

async function projectWith(stack: string, startedByStackctl: boolean): Promise<string> {
  const cwd = await dirs.make();
  const stateDir = path.join(cwd, ".stackctl");
  await mkdir(path.join(stateDir, stack), { recursive: true });
  const ledger = emptyLedger(stack);
  ledger.emulator = { kind: "localstack", version: "4.14.0", managed: true, startedByStackctl };
  await writeLedger(stateDir, ledger);
  return cwd;
}

async function down(
  stack: string,
  cwd: string,
  world: { engine: PortOverrides["containerEngine"]; aws: AwsPorts },
) {
  const runtime = fakeEmulatorHost();
  const overrides: PortOverrides = {
    emulatorHost: async () => runtime,
    clock: systemClock,
    containerEngine: world.engine,
    ...emptyEmulatorAt("http://127.0.0.1:4566"),
    aws: () => world.aws,
  };
  const run = await runCli(["down", "--json", "--stack", stack], { env: {}, cwd, enginePorts: overrides });
  return { result: parseNdJson(run.stdout), runtime, out: `${run.stdout}\n${run.stderr}` };
}

describe("a managed LocalStack shared by stacks of different project folders", () => {
  it("down of the stack that started it removes only its own function containers and keeps it running for the other", async () => {
    const first = await projectWith("first", true);
    const docker = await machine("first", await startedBy("first"), ["first", "second"]);
    const { result, runtime, out } = await down("first", first, {
      engine: async () => docker.engine,
      aws: emulatorHolding(["first", "second"]),
    });
    expect(result, out).toMatchObject({ ok: true, data: { emulatorStopped: false, kept: ["emulator"] } });
    expect(runtime.calls, "the other stack's LocalStack was stopped").not.toContain("down");
    expect(docker.removed).toEqual([
      `stackctl-first-localstack-1-lambda-stackctl-first-fn-0123456789-${runtimeId("1")}`,
    ]);
  });

  it("down of a stack that reused it removes its function containers, and the last one out stops it", async () => {
    const second = await projectWith("second", false);
    const docker = await machine("first", await startedBy("first"), ["second"]);
    const { result, runtime, out } = await down("second", second, {
      engine: async () => docker.engine,
      aws: emulatorHolding(["second"]),
    });
    expect(result, out).toMatchObject({ ok: true, data: { emulatorStopped: true } });
    expect(docker.removed).toEqual([
      `stackctl-first-localstack-1-lambda-stackctl-second-fn-0123456789-${runtimeId("1")}`,
    ]);
    // The compose project of the stack that started it, whose `down` came first.
    expect(runtime.targets.at(-1)).toMatchObject({ project: "stackctl-first", service: "localstack" });
  });

  it("never stops a LocalStack started by hand from docker-compose.yml", async () => {
    const mine = await projectWith("mine", false);
    // `docker compose up -d` without stackctl's environment (docs/testing.md).
    const docker = await machine("stackctl", {}, ["mine"]);
    const { result, runtime, out } = await down("mine", mine, {
      engine: async () => docker.engine,
      aws: emulatorHolding([]),
    });
    expect(result, out).toMatchObject({ ok: true, data: { emulatorStopped: false } });
    expect(runtime.calls).not.toContain("down");
    expect(docker.removed).toHaveLength(1);
  });
});

describe("a stack's function containers on the managed LocalStack", () => {
  const main = "stackctl-x-localstack-1";
  it("are told by the function name inside the container's name, never another stack's", () => {
    const a = environmentNamePattern("a-b");
    expect(a.test(`${main}-lambda-stackctl-a-b-fn-0123456789-${runtimeId("f")}`)).toBe(true);
    // A stack whose name starts with this one's.
    expect(
      a.test(`${main}-lambda-stackctl-a-b-fn-0123456789-fn-abcdef0123-${runtimeId("f")}`),
      "stack a-b-fn-0123456789's container",
    ).toBe(false);
    expect(a.test(`${main}-lambda-stackctl-a-bc-fn-0123456789-${runtimeId("f")}`)).toBe(false);
    expect(a.test(`${main}-lambda-stackctl-a-b-fn-0123456789-${runtimeId("f")}-x`)).toBe(false);
  });

  it("can be narrowed to the functions named", () => {
    const only = environmentNamePattern("a-b", ["stackctl-a-b-fn-0123456789"]);
    expect(only.test(`${main}-lambda-stackctl-a-b-fn-0123456789-${runtimeId("f")}`)).toBe(true);
    expect(only.test(`${main}-lambda-stackctl-a-b-fn-9876543210-${runtimeId("f")}`)).toBe(false);
  });
});
