import type { Mode } from "../config/schema.ts";
import { type Connection, connect } from "./connect.ts";
import type { EngineContext } from "./context.ts";
import { type SeedOutcome, seedFixtures } from "./fixtures/seed.ts";
import type { DeployInput, ModeDeployment } from "./modes/compute-mode.ts";
import { loadComputeMode } from "./modes/load.ts";
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
  ledgerFile: string;
  /** What was deployed, or under --dry-run what would be. */
  deploy: ModeDeployment | { status: "planned"; detail: string };
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

async function deployMode(input: DeployInput, mode: Mode): Promise<UpOutcome["deploy"]> {
  const compute = await loadComputeMode(mode);
  if (!input.ctx.dryRun) return compute.deploy(input);
  const detail = compute.plan(input.ctx);
  input.ctx.emit({
    step: "deploy",
    status: "plan",
    action: "update",
    target: `${mode} mode`,
    message: detail,
  });
  return { status: "planned", detail };
}

/** `up`: emulator → table → bucket → fixtures → the mode's deploy, each step recorded in the ledger as it happens. */
export async function up(ctx: EngineContext, deps: EnginePorts, mode: Mode): Promise<UpOutcome> {
  const timings: Record<string, number> = {};
  const started = performance.now();
  return withStackState(ctx, "up", async (state, ledgerFile) => {
    const connection = await connect(ctx, deps, timings);
    try {
      return await upConnected({ ctx, deps, connection, timings, state }, mode, ledgerFile, started);
    } finally {
      await connection.aws.close();
    }
  });
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
): Promise<UpOutcome> {
  const { ctx, connection, timings, state } = input;
  const { session, aws } = connection;
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
  const table = await provision(tableTarget(aws.tables, { ...spec, name: ctx.config.tableName }));
  const bucket = await provision(bucketTarget(aws.buckets, { ...spec, name: ctx.config.bucketName }));
  const fixtures = await seedFixtures(ctx, {
    data: aws,
    state,
    endpoint: session.endpoint,
    reset: false,
    tableExists: table.change !== "would-create",
    bucketExists: bucket.change !== "would-create",
    timings,
  });
  const deploy = await deployMode(input, mode);
  const limitations = warnLimitations(ctx, connection, mode, deploy);
  timings.total = Math.round(performance.now() - started);
  return {
    mode,
    connection,
    table,
    bucket,
    fixtures,
    timings,
    ledgerFile,
    deploy,
    limitations,
  };
}
