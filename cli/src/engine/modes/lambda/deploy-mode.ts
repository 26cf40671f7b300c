import { StackctlError } from "../../../errors.ts";
import { ensureStackApi, findStackApi, recordStackApi, type StackApi } from "../../api/rest-api.ts";
import type { Connection } from "../../connect.ts";
import type { EngineContext } from "../../context.ts";
import { cleanupOutcome } from "../../deploy/cleanup-outcome.ts";
import { requireDocker } from "../../deploy/require-docker.ts";
import { verifyThroughApi } from "../../deploy/verify-api.ts";
import { bundleForStack } from "../../image/bundle.ts";
import { type BuiltImage, ensureImage, recordImage } from "../../image/ensure-image.ts";
import { removeStaleImages } from "../../image/remove-stale.ts";
import type { ContainerEngine, EnginePorts, FunctionCode, Http, RestApis } from "../../ports.ts";
import { type EmulatorProfile, profileFor } from "../../profile/emulator-profile.ts";
import { type SmokeReport, smokeStep } from "../../smoke/smoke.ts";
import type { LedgerWriter } from "../../state/ledger-writer.ts";
import { forgetResource, recordResource } from "../../state/resources.ts";
import { runStep } from "../../step.ts";
import type { DevReload } from "../compute-mode.ts";
import { retireOtherModes } from "../retire-others.ts";
import { type DeployedFunction, ensureFunction } from "./deploy-function.ts";
import { lambdaArchitecture, planFunction } from "./function-spec.ts";
import { functionImage } from "./image-spec.ts";
import { ensureInvokePermission } from "./invoke-permission.ts";
import { logGroupOf } from "./lambda-ports.ts";
import { choosePackage, type PackageChoice } from "./package-choice.ts";
import { type PushedImage, pushFunctionImage } from "./push-image.ts";
import { retireFunctions } from "./retire.ts";
import { type ExecutionRole, ensureExecutionRole } from "./role.ts";
import { type WarmUp, warmUpFunction } from "./warm-up.ts";
import { type ZipPackage, zipBundle } from "./zip-package.ts";

export interface LambdaDeployment {
  mode: "lambda";
  apiUrl: string;
  api: StackApi;
  packaging: PackageChoice;
  function: DeployedFunction;
  role: ExecutionRole;
  /** Image package: the local build and what was pushed. */
  image: (BuiltImage & { pushed: PushedImage }) | undefined;
  zip: Pick<ZipPackage, "codeSha256" | "bytes" | "contentHash"> | undefined;
  version: string;
  /** Undefined when the function was already warm (nothing deployed). */
  warmUp: WarmUp | undefined;
  /** One request through the API once it serves the new function. */
  warmLatencyMs: number;
  smoke: SmokeReport;
  retired: string[];
}

async function servedFunctionArn(
  restApis: RestApis,
  profile: EmulatorProfile,
  stack: string,
): Promise<string | undefined> {
  const api = await findStackApi(restApis, profile, stack);
  if (api === undefined) return undefined;
  const { proxyId } = await restApis.resources(api.id);
  if (proxyId === undefined) return undefined;
  const { integration } = await restApis.method(api.id, proxyId);
  return integration?.type === "AWS_PROXY" ? integration.functionArn : undefined;
}

async function timedGet(http: Http, url: string, signal: AbortSignal): Promise<number> {
  const started = performance.now();
  await http.request(url, { timeoutMs: 30_000, signal });
  return Math.round(performance.now() - started);
}

/**
 * Lambda mode: bundle → image pushed to ECR (or zip) → a new function beside the old → warmed by
 * one invoke → the API and its permission repointed → verified → the old function drained and
 * removed → smoke. A re-run with nothing changed builds, pushes and updates nothing.
 */
export async function deployLambdaMode(
  ctx: EngineContext,
  deps: EnginePorts,
  connection: Connection,
  timings: Record<string, number>,
  state: LedgerWriter,
  reload?: DevReload,
): Promise<LambdaDeployment> {
  const { session, aws, capabilities } = connection;
  if (session.info === undefined || capabilities === undefined)
    throw new Error("deployLambdaMode needs a running emulator and its capabilities");
  const info = session.info;
  const profile = profileFor(info);

  // A `stackctl dev` reload ships a zip whatever the stack's package: no image build per edit.
  const packaging: PackageChoice =
    reload === undefined
      ? await runStep(ctx, timings, "lambda.package", async () => {
          const choice = choosePackage(ctx.config.package, info, capabilities);
          return { value: choice, message: `${choice.package}: ${choice.why}` };
        })
      : { package: "zip", why: "a stackctl dev reload ships the bundle as a zip (no image build)" };
  let engine: ContainerEngine | undefined;
  let hostArch = deps.platform.arch;
  if (packaging.package === "image") {
    const docker = await deps.containerEngine();
    engine = docker;
    await runStep(ctx, timings, "docker", async () => ({
      value: undefined,
      message: await requireDocker(docker),
    }));
    hostArch = await docker.architecture();
  }
  const { restApis } = aws;
  const bundle =
    reload?.bundle ??
    (await runStep(ctx, timings, "image.bundle", () => bundleForStack(ctx, deps.processes)));

  let code: FunctionCode;
  let codeId: string;
  let version: string;
  let image: LambdaDeployment["image"];
  let zip: ZipPackage | undefined;
  if (packaging.package === "image" && engine !== undefined) {
    const docker = engine;
    const built = await runStep(ctx, timings, "image.lambda", () =>
      ensureImage(ctx, docker, bundle, functionImage),
    );
    await recordImage(state, built);
    if (built.architecture !== "" && built.architecture !== hostArch)
      throw new StackctlError("LAMBDA_ARCH_MISMATCH", {
        image: built.tag,
        imageArch: built.architecture,
        hostArch,
      });
    const pushed = await runStep(ctx, timings, "image.push", () =>
      pushFunctionImage(ctx, docker, aws.registry, profile, built),
    );
    await recordResource(state, {
      kind: "repository",
      name: pushed.repository,
      ownedByStackctl: true,
      attributes: { registry: pushed.registry },
    });
    image = { ...built, pushed };
    code = { packageType: "Image", imageUri: pushed.imageUri };
    codeId = pushed.imageUri;
    version = built.contentHash;
  } else {
    const zipped = await runStep(ctx, timings, "lambda.zip", async () => {
      const made = await zipBundle(bundle, undefined, reload === undefined ? 6 : 1);
      return { value: made, message: `${made.bytes} bytes, CodeSha256 ${made.codeSha256}` };
    });
    zip = zipped;
    code = { packageType: "Zip", zip: zipped.zip };
    codeId = zipped.codeSha256;
    version = zipped.contentHash;
  }

  const role = await runStep(ctx, timings, "lambda.role", () =>
    ensureExecutionRole(aws.roles, ctx.config.stack, "000000000000"),
  );
  // An ARN named without IAM is nothing stackctl made, so nothing to record.
  if (role.change !== "assumed")
    await recordResource(state, { kind: "role", name: role.name, arn: role.arn, ownedByStackctl: true });
  const plan = planFunction(ctx.config, profile, {
    code,
    codeId,
    version,
    architecture: lambdaArchitecture(hostArch),
    roleArn: role.arn,
  });
  const fn = await runStep(ctx, timings, "lambda.function", () =>
    ensureFunction(aws.functions, ctx.config.stack, plan, zip?.codeSha256),
  );
  await recordResource(state, {
    kind: "function",
    name: fn.name,
    arn: fn.arn,
    ownedByStackctl: true,
    attributes: { package: packaging.package, version },
  });
  // An unchanged function that the API already serves is warm; one it does not (a run that failed
  // after creating it) is warmed, and so checked, before any traffic goes to it.
  const served = await servedFunctionArn(restApis, profile, ctx.config.stack);
  const warmUp =
    fn.change === "unchanged" && served === fn.arn
      ? undefined
      : await runStep(ctx, timings, "lambda.warm-up", async () => {
          const warmed = await warmUpFunction(
            aws.functions,
            fn.name,
            {
              packageType: code.packageType,
              image: image?.pushed.imageUri,
              imageArch: image?.architecture,
              hostArch,
              emulatorPort: new URL(session.endpoint).port || "4566",
            },
            async () =>
              (await aws.logs.events(logGroupOf(fn.name), { startTime: Date.now() - 120_000 }))
                .map((event) => event.message)
                .join("\n"),
          );
          return {
            value: warmed,
            message: `cold invoke ${warmed.coldMs} ms${warmed.initDurationMs === undefined ? "" : `, Init Duration ${warmed.initDurationMs} ms`}`,
          };
        });

  const backend = { type: "AWS_PROXY" as const, functionArn: fn.arn, region: ctx.config.region };
  const api = await runStep(ctx, timings, "api", async () => {
    // On AWS the API may only invoke with permission: grant it before the API points here.
    const known = await findStackApi(restApis, profile, ctx.config.stack);
    if (known !== undefined) await ensureInvokePermission(aws.functions, fn, ctx.config.region, known.id);
    const ensured = await ensureStackApi(ctx, restApis, profile, backend);
    if (known === undefined)
      await ensureInvokePermission(aws.functions, fn, ctx.config.region, ensured.value.id);
    return ensured;
  });
  await recordStackApi(state, ctx.config.stack, api, "lambda");
  const warmLatencyMs = await runStep(ctx, timings, "api.verify", async () => {
    await verifyThroughApi(api.url, version, deps, ctx.signal, 60_000);
    const ms = await timedGet(deps.http, api.url, ctx.signal);
    return { value: ms, message: `${api.url} answers with version ${version}; warm request ${ms} ms` };
  });
  const retired = await runStep(ctx, timings, "cleanup", async () => {
    const removed = await retireFunctions(
      { functions: aws.functions, registry: image === undefined ? undefined : aws.registry },
      deps.clock,
      ctx.signal,
      fn.previous,
      image?.pushed.imageUri,
      engine === undefined ? undefined : { engine, stack: ctx.config.stack },
    );
    if (engine !== undefined && image !== undefined)
      removed.push(...(await removeStaleImages(engine, ctx.config.stack, image)));
    for (const old of fn.previous) forgetResource(state.ledger, "function", old.name);
    await state.save();
    // A switch from another mode: its compute no longer serves the API.
    removed.push(...(await retireOtherModes("lambda", { ctx, deps, aws, state })));
    return cleanupOutcome(removed);
  });
  const smoke =
    reload === undefined
      ? await runStep(ctx, timings, "smoke", () => smokeStep(ctx, api.url, deps.http))
      : { url: api.url, checks: [], version, mode: "lambda" };
  const unchanged =
    fn.change === "unchanged" &&
    api.change === "unchanged" &&
    (image === undefined || (image.change === "unchanged" && image.pushed.change === "unchanged"));
  if (unchanged)
    ctx.emit({ step: "deploy", status: "done", message: "unchanged: nothing built, pushed or updated" });
  return {
    mode: "lambda",
    apiUrl: api.url,
    api,
    packaging,
    function: fn,
    role,
    image,
    zip:
      zip === undefined
        ? undefined
        : { codeSha256: zip.codeSha256, bytes: zip.bytes, contentHash: zip.contentHash },
    version,
    warmUp,
    warmLatencyMs,
    smoke,
    retired,
  };
}
