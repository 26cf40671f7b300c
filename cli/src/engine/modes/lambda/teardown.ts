import type { EngineContext } from "../../context.ts";
import { removalOnEmulator, type TeardownOutcome } from "../../deploy/teardown.ts";
import { stackEndpoint } from "../../emulator/endpoint.ts";
import { imageRepository } from "../../image/ensure-image.ts";
import { explainStep } from "../../plan-step.ts";
import type { EnginePorts } from "../../ports.ts";
import { awsCli } from "../../provision/resource.ts";
import { stackTagKey } from "../../stack-labels.ts";
import type { Ledger, ResourceKind } from "../../state/ledger-schema.ts";
import {
  deleteFunctionCommands,
  deleteImagesCommands,
  deleteLogGroupCommands,
  deleteRepositoryCommands,
  deleteRoleCommands,
} from "./commands.ts";
import { stackFunctions } from "./deploy-function.ts";
import { functionPrefix } from "./function-spec.ts";
import { functionImage } from "./image-spec.ts";
import { logGroupOf } from "./lambda-ports.ts";
import { deleteFunction } from "./removers.ts";
import { roleName } from "./role.ts";

/**
 * Lambda mode's part of `down`: the stack's functions (with their invoke permission and log
 * groups), its execution role, the images it pushed, and with --purge the ECR repository. Each is
 * found by name and proven ours by the stack tag, so a lost ledger does not matter; idempotent.
 * The REST API and the function containers are removed by the mode-independent steps.
 */
export async function removeLambdaDeployment(
  ctx: EngineContext,
  deps: EnginePorts,
  ledger: Pick<Ledger, "endpoint" | "resources">,
  purge: boolean,
  timings: Record<string, number>,
): Promise<TeardownOutcome> {
  const outcome: TeardownOutcome = { removed: [], skipped: [] };
  const { stack } = ctx.config;
  // What the ledger still records is its removers' (kept, or only planned under --dry-run).
  const recorded = (kind: ResourceKind, name: string) =>
    ledger.resources.some((resource) => resource.kind === kind && resource.name === name);
  const options = { recordedEndpoint: ledger.endpoint, what: "functions, role, pushed images", outcome };
  await removalOnEmulator(ctx, deps, timings, "remove.lambda", options, async (ports) => {
    const cli = awsCli(stackEndpoint(ctx.config, ledger.endpoint), ctx.config.region);
    const remove = async (target: string, work: () => Promise<void>, commands: string[]) => {
      if (ctx.dryRun) ctx.emit({ step: "remove.lambda", status: "plan", action: "delete", target });
      explainStep(ctx, "remove.lambda", commands);
      if (!ctx.dryRun) await work();
      outcome.removed.push(target);
    };
    const functions = await stackFunctions(ports.functions, stack).catch(() => []);
    for (const fn of functions.filter((found) => !recorded("function", found.name))) {
      try {
        await remove(
          `function ${fn.name}`,
          () => deleteFunction(ports.functions, fn.name),
          deleteFunctionCommands(cli, fn.name),
        );
      } catch (error) {
        // LocalStack cannot delete a function whose creation failed ("Unable to find version
        // manager"); say so and go on with the rest rather than failing the whole `down`.
        if ((await ports.functions.get(fn.name).catch(() => undefined)) === undefined) continue;
        outcome.skipped.push(
          `function ${fn.name} (the emulator could not delete it: ${(error as Error).message.split("\n")[0]})`,
        );
      }
    }
    const groups = await ports.logs.groups(logGroupOf(functionPrefix(stack))).catch(() => []);
    for (const group of groups)
      await remove(
        `log-group ${group}`,
        () => ports.logs.removeGroup(group),
        deleteLogGroupCommands(cli, group),
      );
    const role = await ports.roles.get(roleName(stack)).catch(() => undefined);
    if (role !== undefined && !recorded("role", role.name)) {
      if (role.tags[stackTagKey] === stack)
        await remove(
          `role ${role.name}`,
          () => ports.roles.remove(role.name),
          deleteRoleCommands(cli, role.name),
        );
      else outcome.skipped.push(`role ${role.name} (not tagged ${stackTagKey}=${stack}; not deleted)`);
    }
    const repository = imageRepository(stack, functionImage);
    const repo = await ports.registry.findRepository(repository).catch(() => undefined);
    if (repo !== undefined && repo.tags[stackTagKey] !== stack) {
      outcome.skipped.push(`repository ${repository} (not tagged ${stackTagKey}=${stack}; not deleted)`);
    } else if (repo !== undefined) {
      const images = await ports.registry.images(repository);
      if (images.length > 0)
        await remove(
          `${images.length} pushed image(s) in ${repository}`,
          () =>
            ports.registry.removeImages(
              repository,
              images.map((image) => image.tag),
            ),
          deleteImagesCommands(
            cli,
            repository,
            images.map((image) => image.tag),
          ),
        );
      // A recorded repository is its remover's: kept without --purge, deleted with it.
      if (!recorded("repository", repository)) {
        if (purge)
          await remove(
            `repository ${repository}`,
            () => ports.registry.removeRepository(repository),
            deleteRepositoryCommands(cli, repository),
          );
        else outcome.skipped.push(`repository ${repository} (empty; --purge removes it)`);
      }
    }
    return outcome.removed.length === 0
      ? "none"
      : `${ctx.dryRun ? "would remove" : "removed"} ${outcome.removed.join(", ")}`;
  });
  return outcome;
}
