import { StackctlError } from "../errors.ts";
import { connect } from "./connect.ts";
import type { EngineContext } from "./context.ts";
import { type SeedOutcome, seedFixtures } from "./fixtures/seed.ts";
import type { EnginePorts } from "./ports.ts";
import { bucketTarget } from "./provision/bucket.ts";
import { tableTarget } from "./provision/table.ts";
import { withStackState } from "./stack-state.ts";
import { runStep } from "./step.ts";

export interface SeedCommandOutcome {
  fixtures: SeedOutcome;
  endpoint: string;
  timings: Record<string, number>;
}

/** `seed [--reset]`: fixtures only, into a table and bucket that `up` made; never starts an emulator. */
export async function seed(
  ctx: EngineContext,
  deps: EnginePorts,
  reset: boolean,
): Promise<SeedCommandOutcome> {
  const timings: Record<string, number> = {};
  return withStackState(ctx, reset ? "seed --reset" : "seed", async (state) => {
    const { session, aws } = await connect(ctx, deps, timings, { mayStart: false, capabilities: false });
    try {
      const spec = { stack: ctx.config.stack, endpoint: session.endpoint, region: ctx.config.region };
      await runStep(ctx, timings, "provision.check", async () => {
        for (const target of [
          tableTarget(aws.tables, { ...spec, name: ctx.config.tableName }),
          bucketTarget(aws.buckets, { ...spec, name: ctx.config.bucketName }),
        ]) {
          const inspection = await target.inspect(ctx.signal);
          if (inspection.exists && inspection.unusable !== undefined) throw inspection.unusable;
          if (!inspection.exists) {
            throw new StackctlError("STACK_NOT_UP", {
              stack: ctx.config.stack,
              what: `${target.kind} ${target.name}`,
              endpoint: session.endpoint,
            });
          }
        }
        return { value: undefined, message: `${ctx.config.tableName} and ${ctx.config.bucketName} exist` };
      });
      const fixtures = await seedFixtures(ctx, {
        data: aws,
        state,
        endpoint: session.endpoint,
        reset,
        tableExists: true,
        bucketExists: true,
        timings,
      });
      return { fixtures, endpoint: session.endpoint, timings };
    } finally {
      await aws.close();
    }
  });
}
