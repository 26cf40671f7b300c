import type { ComputeMode } from "../compute-mode.ts";
import { deployLambdaMode } from "./deploy-mode.ts";
import { lambdaLogsOf } from "./logs.ts";
import { planLambdaMode, planRetireFunctions } from "./plan.ts";
import { lambdaResult } from "./report.ts";
import { retireLambdaCompute } from "./retire.ts";
import { lambdaStatus } from "./status.ts";
import { removeLambdaDeployment } from "./teardown.ts";

/** Lambda mode: the service as a function (image or zip), the REST API invoking it (AWS_PROXY). */
export const lambdaMode: ComputeMode = {
  name: "lambda",
  logsWhat: "function with logs",
  devEntry: "lambda",
  plan: planLambdaMode,
  planRetire: planRetireFunctions,
  async deploy({ ctx, deps, connection, timings, state, reload }) {
    const deployed = await deployLambdaMode(ctx, deps, connection, timings, state, reload);
    return {
      status: "deployed",
      mode: "lambda",
      apiUrl: deployed.apiUrl,
      version: deployed.version,
      result: lambdaResult(deployed),
    };
  },
  async retire({ ctx, deps, aws, state }) {
    const engine = await deps.containerEngine();
    return retireLambdaCompute(aws, deps.clock, ctx.signal, ctx.config.stack, state, engine);
  },
  status: lambdaStatus,
  logs: ({ ctx, deps, ledger, follow, sinceSeconds }) =>
    lambdaLogsOf(ctx, deps, ledger?.endpoint, { follow, sinceSeconds }),
  sweep: ({ ctx, deps, ledger, purge, timings }) => removeLambdaDeployment(ctx, deps, ledger, purge, timings),
};
