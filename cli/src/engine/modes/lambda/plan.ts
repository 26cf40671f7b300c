import { planVerify } from "../../deploy/verify-api.ts";
import { planBundle } from "../../image/bundle.ts";
import { planImage } from "../../image/ensure-image.ts";
import { emitPlanned, type PendingStep, type PlannedStep, planStep } from "../../plan-step.ts";
import type { FunctionCode } from "../../ports.ts";
import { plannedProfile, registryFor } from "../../profile/emulator-profile.ts";
import { awsCli } from "../../provision/resource.ts";
import { planSmoke } from "../../smoke/smoke.ts";
import type { PlanInput } from "../compute-mode.ts";
import { planApi, plannedEngine } from "../container/plan.ts";
import { planRetireOthers } from "../retire-others.ts";
import {
  deleteFunctionCommands,
  functionCommands,
  permissionCommands,
  pushCommands,
  roleCommands,
  warmUpCommands,
  zipCommands,
} from "./commands.ts";
import { stackFunctions } from "./deploy-function.ts";
import { lambdaArchitecture, planFunction } from "./function-spec.ts";
import { functionImage } from "./image-spec.ts";
import { choosePackage } from "./package-choice.ts";
import { functionRepository } from "./push-image.ts";
import { assumeRolePolicy, roleName } from "./role.ts";
import { zipBundle } from "./zip-package.ts";

/** `up --mode lambda --dry-run`: each step of `deployLambdaMode`, read-only (nothing invoked, pushed or created). */
export async function planLambdaMode(input: PlanInput): Promise<PlannedStep[]> {
  const { ctx, deps, connection } = input;
  const { session, aws, capabilities } = connection;
  const { config } = ctx;
  const running = session.info !== undefined;
  const profile = plannedProfile(session);
  const cli = awsCli(session.endpoint, config.region);
  const entries: PlannedStep[] = [];
  const choice =
    session.info === undefined || capabilities === undefined
      ? { package: "zip" as const, why: "emulator not running yet: decided once it answers (zip assumed)" }
      : choosePackage(config.package, session.info, capabilities);
  entries.push(
    planStep(ctx, {
      step: "lambda.package",
      action: "check",
      target: `package ${choice.package}`,
      message: choice.why,
    }),
  );
  const engine = choice.package === "image" ? await plannedEngine(ctx, input, entries) : undefined;
  const bundle = await planBundle(ctx, deps.processes, { read: running });
  try {
    entries.push(bundle.entry);
    const hostArch = engine === undefined ? deps.platform.arch : await engine.architecture();
    let code: FunctionCode;
    let codeId: string;
    let version: string;
    if (choice.package === "image") {
      const image = await planImage(ctx, engine, bundle.bundle, functionImage, bundle.dir);
      entries.push(image.entry);
      const repository = functionRepository(image.image);
      const found = running ? await aws.registry.findRepository(repository) : undefined;
      const host = registryFor(
        profile,
        found?.uri ?? `000000000000.dkr.ecr.${config.region}.amazonaws.com/${repository}`,
        config.registry,
      );
      const imageUri = `${host}/${repository}:${image.image.contentHash}`;
      const held =
        found === undefined
          ? undefined
          : (await aws.registry.images(repository)).find((entry) => entry.tag === image.image.contentHash);
      const commands = pushCommands(cli, {
        repository,
        stack: config.stack,
        host,
        localTag: image.image.tag,
        imageUri,
      });
      entries.push(
        held !== undefined
          ? planStep(ctx, { step: "image.push", action: "unchanged", target: `pushed image ${imageUri}` })
          : planStep(
              ctx,
              { step: "image.push", action: "create", target: `pushed image ${imageUri}` },
              found === undefined ? commands : commands.slice(1),
            ),
      );
      code = { packageType: "Image", imageUri };
      codeId = imageUri;
      version = image.image.contentHash;
    } else {
      const zipped = bundle.bundle === undefined ? undefined : await zipBundle(bundle.bundle);
      entries.push(
        planStep(
          ctx,
          {
            step: "lambda.zip",
            action: "create",
            target: zipped === undefined ? "function zip" : `function zip (CodeSha256 ${zipped.codeSha256})`,
            message: "in memory, sent with create-function",
          },
          zipCommands(bundle.dir),
        ),
      );
      code = { packageType: "Zip", zip: zipped?.zip ?? new Uint8Array() };
      codeId = zipped?.codeSha256 ?? "<code sha256>";
      version = zipped?.contentHash ?? "<content-hash>";
    }
    const name = roleName(config.stack);
    const role = running ? await aws.roles.get(name).catch(() => undefined) : undefined;
    const roleArn = role?.arn ?? `arn:aws:iam::000000000000:role/${name}`;
    entries.push(
      role !== undefined
        ? planStep(ctx, { step: "lambda.role", action: "unchanged", target: `role ${name}` })
        : planStep(
            ctx,
            { step: "lambda.role", action: "create", target: `role ${name}` },
            roleCommands(cli, { name, stack: config.stack, assumeRolePolicy }),
          ),
    );
    const fnPlan = planFunction(config, profile, {
      code,
      codeId,
      version,
      architecture: lambdaArchitecture(hostArch),
      roleArn,
    });
    const existing = running ? await stackFunctions(aws.functions, config.stack) : [];
    const current = existing.find((fn) => fn.name === fnPlan.spec.name && fn.state === "Active");
    const previous = existing.filter((fn) => fn.name !== fnPlan.spec.name);
    const fnArn = current?.arn ?? `arn:aws:lambda:${config.region}:000000000000:function:${fnPlan.spec.name}`;
    entries.push(
      current !== undefined
        ? planStep(ctx, { step: "lambda.function", action: "unchanged", target: `function ${current.name}` })
        : planStep(
            ctx,
            {
              step: "lambda.function",
              action: previous.length > 0 ? "replace" : "create",
              target: `function ${fnPlan.spec.name}`,
              ...(previous.length > 0
                ? { message: `beside ${previous.map((fn) => fn.name).join(", ")}` }
                : {}),
            },
            functionCommands(cli, fnPlan.spec, { dir: bundle.dir }),
          ),
    );
    if (current === undefined)
      entries.push(
        planStep(
          ctx,
          { step: "lambda.warm-up", action: "check", target: `invoke ${fnPlan.spec.name} once` },
          warmUpCommands(cli, fnPlan.spec.name),
        ),
      );
    const api = await planApi(
      ctx,
      input,
      { type: "AWS_PROXY", functionArn: fnArn, region: config.region },
      permissionCommands(cli, { name: fnPlan.spec.name, arn: fnArn }, config.region),
    );
    entries.push(api.entry, planVerify(ctx, api.url, version));
    const retiring = [
      ...previous.map((fn) =>
        planStep(
          ctx,
          { step: "cleanup", action: "delete", target: `function ${fn.name}` },
          deleteFunctionCommands(cli, fn.name),
        ),
      ),
      ...emitPlanned(ctx, await planRetireOthers("lambda", input)),
    ];
    entries.push(
      ...(retiring.length > 0
        ? retiring
        : [planStep(ctx, { step: "cleanup", action: "unchanged", target: "nothing to retire" })]),
    );
    entries.push(planSmoke(ctx, api.url));
    return entries;
  } finally {
    await bundle.dispose();
  }
}

/** A switch away from lambda mode: the stack's functions go once the other mode serves. */
export async function planRetireFunctions(input: PlanInput): Promise<PendingStep[]> {
  const { connection, ctx } = input;
  if (connection.session.info === undefined) return [];
  const cli = awsCli(connection.session.endpoint, ctx.config.region);
  const functions = await stackFunctions(connection.aws.functions, ctx.config.stack).catch(() => []);
  return functions.map((fn) => ({
    step: "cleanup",
    action: "delete",
    target: `function ${fn.name}`,
    commands: deleteFunctionCommands(cli, fn.name),
  }));
}
