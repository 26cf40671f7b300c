import type { Mode } from "../config/schema.ts";
import { type AwsCallTally, countingAwsCalls, emptyTally } from "./aws-calls.ts";
import {
  type CapabilitiesFound,
  type Connection,
  capabilitiesStep,
  connect,
  redetectCapabilities,
} from "./connect.ts";
import type { EngineContext } from "./context.ts";
import { type SeedOutcome, seedFixtures } from "./fixtures/seed.ts";
import type { DeployInput, ModeDeployment } from "./modes/compute-mode.ts";
import { loadComputeMode } from "./modes/load.ts";
import { settleAll } from "./parallel.ts";
import { type PlannedStep, planSummary } from "./plan-step.ts";
import type { EnginePorts } from "./ports.ts";
import { profileFor } from "./profile/emulator-profile.ts";
import { type Limitation, limitationsFor, limitationsLine } from "./profile/limitations.ts";
import { bucketTarget } from "./provision/bucket.ts";
import { ensureResource, type ResourceOutcome } from "./provision/ensure-resource.ts";
import type { ProvisionTarget } from "./provision/resource.ts";
import { tableTarget } from "./provision/table.ts";
import { withStackState } from "./stack-state.ts";
import { runStep } from "./step.ts";

export interface UpOutcome {
  mode: Mode;
  connection: Connection;
  table: ResourceOutcome;
  bucket: ResourceOutcome;
  fixtures: SeedOutcome;
  timings: Record<string, number>;
  /** The AWS API calls this run made, per step (./aws-calls.ts). */
  awsCalls: AwsCallTally;
  ledgerFile: string;
  /** What was deployed, or under --dry-run what would be. */
  deploy: ModeDeployment | PlannedDeploy;
  /** Where this mode on this emulator differs from AWS (profile/limitations.ts); undefined: not detected. */
  limitations: Limitation[] | undefined;
}

/** One warn event naming every limitation the chosen mode meets on the detected emulator. */
function warnLimitations(
  ctx: EngineContext,
  connection: Connection,
  mode: Mode,
  deploy: UpOutcome["deploy"],
) {
  const info = connection.session.info;
  if (info === undefined) return undefined;
  const profile = profileFor(info);
  const directUrl = deploy.status === "deployed" ? deploy.result.directUrl : undefined;
  const limits = limitationsFor(profile, mode, directUrl);
  if (limits.length > 0)
    ctx.emit({
      step: "emulator.limitations",
      status: "warn",
      message: limitationsLine(profile, mode, limits),
    });
  return limits;
}

/** `up --dry-run`'s deploy: each step's plan entry, and one line ("nothing would change" when none changes). */
export interface PlannedDeploy {
  status: "planned";
  detail: string;
  steps: PlannedStep[];
}

async function deployMode(input: DeployInput, mode: Mode): Promise<UpOutcome["deploy"]> {
  const compute = await loadComputeMode(mode);
  if (!input.ctx.dryRun) return compute.deploy(input);
  const steps = await compute.plan({ ...input, ledger: input.state.ledger });
  return { status: "planned", detail: planSummary(steps), steps };
}

/**
 * `up`: emulator → (capabilities ‖ table → bucket) → fixtures → the mode's deploy, each step
 * recorded in the ledger as it happens. Capabilities do not depend on the data and run beside the
 * table and bucket (their events name their step; the reporters keep each on a line of its own).
 */
export async function up(ctx: EngineContext, deps: EnginePorts, mode: Mode): Promise<UpOutcome> {
  const timings: Record<string, number> = {};
  const started = performance.now();
  const awsCalls = emptyTally();
  return countingAwsCalls(awsCalls, () =>
    withStackState(ctx, "up", async (state, ledgerFile) => {
      const connected = await connect(ctx, deps, timings, { mayStart: true, capabilities: false });
      try {
        return await upConnected(
          { ctx, deps, connection: connected, timings, state },
          mode,
          ledgerFile,
          started,
          awsCalls,
        );
      } finally {
        await connected.aws.close();
      }
    }),
  );
}

/**
 * `up` once the lock is held and the emulator connected: what `stackctl dev` runs too, holding the
 * lock and the connection for its whole session.
 */
export async function upConnected(
  input: DeployInput,
  mode: Mode,
  ledgerFile: string,
  started: number,
  awsCalls: AwsCallTally,
): Promise<UpOutcome> {
  const { ctx, deps, timings, state } = input;
  const connected = input.connection;
  const { session, aws } = connected;
  if (!ctx.dryRun) {
    state.ledger.endpoint = session.endpoint;
    state.ledger.mode = mode;
    if (session.info !== undefined) {
      state.ledger.emulator = {
        kind: session.info.kind,
        version: session.info.version,
        managed: session.managed,
        // Keep the fact that an earlier run started it, so `down` still stops it.
        startedByStackctl: session.startedByStackctl || state.ledger.emulator?.startedByStackctl === true,
      };
    }
    await state.save();
  }
  const running = session.info !== undefined;
  const spec = { stack: ctx.config.stack, endpoint: session.endpoint, region: ctx.config.region };
  const provision = (target: ProvisionTarget) =>
    runStep(ctx, timings, `provision.${target.kind}`, async () => {
      const outcome = await ensureResource(ctx, target, state, running);
      return { value: outcome, message: outcome.message };
    });
  const info = session.info;
  const detect = (): Promise<CapabilitiesFound | undefined> =>
    info === undefined
      ? Promise.resolve(undefined)
      : capabilitiesStep(ctx, deps, timings, info, aws.registry);
  // The table, then the bucket: their order in the ledger (and `down`'s, reversed) and where an
  // interrupted `up` stops never depend on which answered first. Capabilities run beside both.
  const provisionData = async () => {
    const table = await provision(tableTarget(aws.tables, { ...spec, name: ctx.config.tableName }));
    const bucket = await provision(bucketTarget(aws.buckets, { ...spec, name: ctx.config.bucketName }));
    return { table, bucket };
  };
  const [found, { table, bucket }] = await settleAll([detect(), provisionData()]);
  // An emulator without an instance id that had to create the table again lost its state: it
  // restarted since the capabilities were remembered, so they are detected again.
  const restarted =
    found?.remembered === true && info?.instanceId === undefined && table.change === "created";
  const capabilities =
    restarted && info !== undefined
      ? (await redetectCapabilities(ctx, deps, timings, info, aws.registry)).capabilities
      : found?.capabilities;
  const connection: Connection = { ...connected, capabilities };
  const fixtures = await seedFixtures(ctx, {
    data: aws,
    state,
    endpoint: session.endpoint,
    reset: false,
    tableExists: table.change !== "would-create",
    bucketExists: bucket.change !== "would-create",
    timings,
  });
  const deploy = await deployMode({ ...input, connection }, mode);
  const limitations = warnLimitations(ctx, connection, mode, deploy);
  timings.total = Math.round(performance.now() - started);
  return {
    mode,
    connection,
    table,
    bucket,
    fixtures,
    timings,
    awsCalls,
    ledgerFile,
    deploy,
    limitations,
  };
}
