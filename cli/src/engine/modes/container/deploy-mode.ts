import path from "node:path";
import { ensureStackApi, explainStackApi, recordStackApi, type StackApi } from "../../api/rest-api.ts";
import type { Connection } from "../../connect.ts";
import type { EngineContext } from "../../context.ts";
import { cleanupOutcome } from "../../deploy/cleanup-outcome.ts";
import { forgetGone } from "../../deploy/forget-gone.ts";
import { requireDocker } from "../../deploy/require-docker.ts";
import { verifyThroughApi } from "../../deploy/verify-api.ts";
import { bundleForStack } from "../../image/bundle.ts";
import { type BuiltImage, ensureImage, recordImage } from "../../image/ensure-image.ts";
import { removeStaleImages, staleImages } from "../../image/remove-stale.ts";
import { explainStep } from "../../plan-step.ts";
import type { EnginePorts } from "../../ports.ts";
import { profileFor } from "../../profile/emulator-profile.ts";
import { shellLine } from "../../shell-quote.ts";
import { type SmokeReport, smokeStep } from "../../smoke/smoke.ts";
import type { LedgerWriter } from "../../state/ledger-writer.ts";
import { runStep } from "../../step.ts";
import type { DevReload } from "../compute-mode.ts";
import { planRetireOthers, retireOtherModes } from "../retire-others.ts";
import { currentImage } from "./current-image.ts";
import { deployContainer, type ServiceContainer } from "./deploy-container.ts";
import { retireContainerCommands } from "./docker-commands.ts";
import { serviceImage } from "./image-spec.ts";
import { placementFor } from "./placement.ts";
import { drainSeconds } from "./removers.ts";
import { retireContainers } from "./retire.ts";
import type { DevCode } from "./task-definition.ts";

export interface ContainerDeployment {
  mode: "container";
  apiUrl: string;
  directUrl: string;
  api: StackApi;
  container: ServiceContainer;
  image: BuiltImage;
  /** What `GET /` reports: the image's content hash, or a dev reload's bundle hash. */
  version: string;
  smoke: SmokeReport;
  retired: string[];
}

/**
 * Container mode: bundle → image → container beside the old → API repointed → verified → old
 * removed → smoke. A `stackctl dev` reload skips the bundle and image steps: a fresh container of
 * the image the stack already runs, with the reload's bundle bound over the image's, takes the
 * same path from `deploy.container` on (smoke aside).
 */
export async function deployContainerMode(
  ctx: EngineContext,
  deps: EnginePorts,
  connection: Connection,
  timings: Record<string, number>,
  state: LedgerWriter,
  reload?: DevReload,
): Promise<ContainerDeployment> {
  const { session, aws } = connection;
  if (session.info === undefined) throw new Error("deployContainerMode needs a running emulator");
  const profile = profileFor(session.info);
  const { restApis } = aws;
  const engine = await deps.containerEngine();
  let image: BuiltImage;
  let code: DevCode | undefined;
  if (reload === undefined) {
    await runStep(ctx, timings, "docker", async () => ({
      value: undefined,
      message: await requireDocker(engine),
    }));
    const bundle = await runStep(ctx, timings, "image.bundle", () => bundleForStack(ctx, deps.processes));
    image = await runStep(ctx, timings, "image.container", () =>
      ensureImage(ctx, engine, bundle, serviceImage),
    );
    await recordImage(state, image);
  } else {
    image = await currentImage(engine, state.ledger, serviceImage.name);
    code = { dist: path.join(reload.bundle.dir, "dist"), version: reload.bundle.sha256.slice(0, 12) };
  }
  const version = code?.version ?? image.contentHash;
  const placement = await placementFor(ctx, session, engine);
  const emulatorPort = new URL(session.endpoint).port || "4566";
  const container = await runStep(ctx, timings, "deploy.container", () =>
    deployContainer(ctx, engine, deps, {
      image,
      placement,
      emulatorPort,
      state,
      ...(code === undefined ? {} : { code }),
    }),
  );
  const backend = {
    type: "HTTP_PROXY" as const,
    baseUrl: placement.backendUrl({ name: container.name, hostPort: container.hostPort }),
  };
  const api = await runStep(ctx, timings, "api", async () => {
    await explainStackApi(ctx, restApis, profile, backend);
    return ensureStackApi(ctx, restApis, profile, backend);
  });
  await recordStackApi(state, ctx.config.stack, api, "container");
  await runStep(ctx, timings, "api.verify", async () => ({
    value: await verifyThroughApi(api.url, version, deps, ctx.signal, undefined, ctx),
    message: `${api.url} answers with version ${version}`,
  }));
  const retired = await runStep(ctx, timings, "cleanup", async () => {
    if (ctx.explain)
      explainStep(ctx, "cleanup", [
        ...container.previous.flatMap((old) => retireContainerCommands(old.name, drainSeconds)),
        ...(await staleImages(engine, ctx.config.stack, image)).map((tags) =>
          shellLine("docker", "rmi", ...tags),
        ),
        ...(await planRetireOthers("container", { ctx, deps, connection, ledger: state.ledger })).flatMap(
          (entry) => entry.commands,
        ),
      ]);
    const removed = [
      ...(await retireContainers(engine, container.previous)),
      ...(await removeStaleImages(engine, ctx.config.stack, image)),
      // A switch from another mode: its compute no longer serves the API.
      ...(await retireOtherModes("container", { ctx, deps, aws, state })),
    ];
    await forgetGone(state, engine);
    return cleanupOutcome(removed);
  });
  const smoke =
    reload === undefined
      ? await runStep(ctx, timings, "smoke", () => smokeStep(ctx, api.url, deps.http))
      : { url: api.url, checks: [], version, mode: "container" };
  if (container.change === "unchanged" && api.change === "unchanged" && image.change === "unchanged")
    ctx.emit({ step: "deploy", status: "done", message: "unchanged: nothing rebuilt or restarted" });
  return {
    mode: "container",
    apiUrl: api.url,
    directUrl: container.directUrl,
    api,
    container,
    image,
    version,
    smoke,
    retired,
  };
}
