import { findStackApi } from "../api/rest-api.ts";
import { withAwsPorts } from "../aws-session.ts";
import type { EngineContext } from "../context.ts";
import { stackEndpoint } from "../emulator/endpoint.ts";
import type { EmulatorInfo } from "../emulator/probe.ts";
import { ownImageTags } from "../image/own-image.ts";
import type { SweepOutcome } from "../modes/compute-mode.ts";
import { explainStep } from "../plan-step.ts";
import type { AwsPorts, EnginePorts } from "../ports.ts";
import { profileFor } from "../profile/emulator-profile.ts";
import { awsCli } from "../provision/resource.ts";
import { shellLine } from "../shell-quote.ts";
import { stackLabel, stackTagKey } from "../stack-labels.ts";
import type { Ledger } from "../state/ledger-schema.ts";
import { runStep } from "../step.ts";

/** What one removal step removed and kept (the same shape as a mode's sweep). */
export type TeardownOutcome = SweepOutcome;

/**
 * Removes the stack's deployment: its REST API (found by fixed id, or name and stack tag, so a lost
 * ledger does not matter), then, once its containers are gone, the images and networks labelled with
 * the stack. Idempotent: what is already gone is not an error. An API the ledger still records is its
 * remover's to decide (kept, or only planned under --dry-run), so it is not listed twice.
 */
export async function removeDeployment(
  ctx: EngineContext,
  deps: EnginePorts,
  ledger: Pick<Ledger, "endpoint" | "resources">,
  timings: Record<string, number>,
): Promise<TeardownOutcome> {
  const outcome: TeardownOutcome = { removed: [], skipped: [] };
  const { stack } = ctx.config;
  await removalOnEmulator(
    ctx,
    deps,
    timings,
    "remove.api",
    { recordedEndpoint: ledger.endpoint, what: "REST API", outcome },
    async ({ restApis }, info) => {
      const api = await findStackApi(restApis, profileFor(info), stack);
      if (api === undefined) return "none";
      if (ledger.resources.some((resource) => resource.kind === "rest-api" && resource.id === api.id))
        return `${api.id} is recorded; its remover decides`;
      // Found by its fixed id, it may still be someone else's: the tag check every other kind gets.
      if (api.tags[stackTagKey] !== stack) {
        outcome.skipped.push(`rest-api ${api.id} (not tagged ${stackTagKey}=${stack})`);
        return `kept ${api.id}: not tagged ${stackTagKey}=${stack}`;
      }
      if (ctx.dryRun)
        ctx.emit({ step: "remove.api", status: "plan", action: "delete", target: `rest-api ${api.id}` });
      explainStep(ctx, "remove.api", [
        shellLine(
          ...awsCli(info.endpoint, ctx.config.region),
          "apigateway",
          "delete-rest-api",
          "--rest-api-id",
          api.id,
        ),
      ]);
      if (!ctx.dryRun) await restApis.remove(api.id);
      outcome.removed.push(`rest-api ${api.id}`);
      return `${ctx.dryRun ? "would remove" : "removed"} ${api.id}`;
    },
  );
  return outcome;
}

/**
 * One removal step against the stack's emulator (the named one, else the one the ledger recorded,
 * else the managed port), with AWS ports that are closed after; when no emulator answers there, the
 * step is skipped and `what` is reported as kept.
 */
export async function removalOnEmulator(
  ctx: EngineContext,
  deps: EnginePorts,
  timings: Record<string, number>,
  step: string,
  options: { recordedEndpoint: string | undefined; what: string; outcome: TeardownOutcome },
  work: (aws: AwsPorts, info: EmulatorInfo) => Promise<string>,
): Promise<void> {
  const endpoint = stackEndpoint(ctx.config, options.recordedEndpoint);
  await runStep(ctx, timings, step, async () => {
    const probe = await deps.probe(endpoint, ctx.signal);
    if (probe.state !== "ready") {
      options.outcome.skipped.push(`${options.what} (no emulator answers at ${endpoint})`);
      return {
        value: undefined,
        skipped: true,
        message: `no emulator at ${endpoint}; nothing to remove there`,
      };
    }
    const message = await withAwsPorts(ctx, deps, endpoint, (aws) => work(aws, probe.info));
    return { value: undefined, message };
  });
}

/** Images and networks labelled with the stack; run after its containers are removed. */
export async function removeDockerLeftovers(
  ctx: EngineContext,
  deps: EnginePorts,
  timings: Record<string, number>,
): Promise<TeardownOutcome> {
  const outcome: TeardownOutcome = { removed: [], skipped: [] };
  await runStep(ctx, timings, "remove.images", async () => {
    const engine = await deps.containerEngine();
    if ((await engine.state()).state !== "up")
      return { value: undefined, skipped: true, message: "no Docker engine answers" };
    const labels = { [stackLabel]: ctx.config.stack };
    const images = await engine.findImages(labels);
    const networks = await engine.findNetworks(labels);
    for (const image of images) {
      // Only stackctl's own tags go (an image FROM ours inherits the label): removing a tag, not the
      // id, leaves the layers a user's image still builds on.
      const tags = ownImageTags(image, ctx.config.stack);
      if (tags.length === 0) continue;
      const name = `image ${tags[0]}`;
      if (ctx.dryRun) ctx.emit({ step: "remove.images", status: "plan", action: "delete", target: name });
      explainStep(ctx, "remove.images", [shellLine("docker", "rmi", ...tags)]);
      if (!ctx.dryRun) for (const tag of tags) await engine.removeImage(tag);
      outcome.removed.push(name);
    }
    for (const network of networks) {
      if (ctx.dryRun)
        ctx.emit({
          step: "remove.images",
          status: "plan",
          action: "delete",
          target: `network ${network.name}`,
        });
      explainStep(ctx, "remove.images", [shellLine("docker", "network", "rm", network.name)]);
      if (!ctx.dryRun) await engine.removeNetwork(network.name);
      outcome.removed.push(`network ${network.name}`);
    }
    return { value: undefined, message: `${images.length} image(s), ${networks.length} network(s)` };
  });
  return outcome;
}
