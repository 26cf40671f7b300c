import { removeContainer } from "../modes/container/removers.ts";
import { explainStep } from "../plan-step.ts";
import type { ContainerEngine } from "../ports.ts";
import { awsCli } from "../provision/resource.ts";
import { shellLine } from "../shell-quote.ts";
import { stackLabel } from "../stack-labels.ts";
import type { RecordedResource } from "../state/ledger-schema.ts";
import type { Removal, RemovalTools, Remover } from "./remover.ts";
import { taggedRemover } from "./tagged-remover.ts";

type Found = "ours" | "foreign" | "gone";

const ownership = (labels: Record<string, string> | undefined, stack: string): Found =>
  labels === undefined ? "gone" : labels[stackLabel] === stack ? "ours" : "foreign";

/** Docker-side resources: removed only while they still carry the stack's label. */
function dockerRemover(
  look: (engine: ContainerEngine, resource: RecordedResource, stack: string) => Promise<Found>,
  remove: (engine: ContainerEngine, resource: RecordedResource) => Promise<void>,
  commands: (resource: RecordedResource) => string[],
): Remover {
  return {
    holdsData: false,
    needsAws: false,
    async remove(resource, { ctx, deps }: RemovalTools): Promise<Removal> {
      const engine = await deps.containerEngine();
      if ((await engine.state()).state !== "up") return { result: "kept", why: "no Docker engine answers" };
      const found = await look(engine, resource, ctx.config.stack);
      if (found === "gone")
        return ctx.dryRun
          ? { result: "would-find-gone", message: "already gone" }
          : { result: "already-gone", message: `${resource.name} was already gone` };
      if (found === "foreign")
        return { result: "kept", why: `not labelled ${stackLabel}=${ctx.config.stack}; not removed` };
      explainStep(ctx, `remove.${resource.kind}`, commands(resource));
      if (ctx.dryRun) {
        const target = `${resource.kind} ${resource.name}`;
        ctx.emit({ step: `remove.${resource.kind}`, status: "plan", action: "delete", target });
        return { result: "would-remove", message: "would remove" };
      }
      await remove(engine, resource);
      return { result: "removed", message: `removed ${resource.name}` };
    },
  };
}

export const containerRemover = dockerRemover(
  async (engine, resource, stack) =>
    ownership((await engine.inspectContainer(resource.id ?? resource.name))?.labels, stack),
  (engine, resource) => removeContainer(engine, resource.id ?? resource.name, { drain: false }),
  (resource) => [shellLine("docker", "rm", "-f", resource.name)],
);

export const imageRemover = dockerRemover(
  async (engine, resource, stack) => ownership((await engine.inspectImage(resource.name))?.labels, stack),
  (engine, resource) => engine.removeImage(resource.name),
  (resource) => [shellLine("docker", "rmi", resource.name)],
);

export const networkRemover = dockerRemover(
  async (engine, resource, stack) => {
    if (
      (await engine.findNetworks({ [stackLabel]: stack })).some((network) => network.name === resource.name)
    )
      return "ours";
    return (await engine.findNetworks({})).some((network) => network.name === resource.name)
      ? "foreign"
      : "gone";
  },
  (engine, resource) => engine.removeNetwork(resource.name),
  (resource) => [shellLine("docker", "network", "rm", resource.name)],
);

/** The stack's REST API, by its recorded id, deleted only while it carries the stack tag. */
export const restApiRemover = taggedRemover({
  holdsData: false,
  unaddressable: (resource) => (resource.id === undefined ? "recorded without an id" : undefined),
  label: (resource) => resource.id ?? resource.name,
  find: async (resource, { aws }) => (await aws.ports.restApis.get(resource.id ?? ""))?.tags,
  remove: (resource, { aws }) => aws.ports.restApis.remove(resource.id ?? ""),
  explain: (resource, { ctx, aws }) => [
    shellLine(
      ...awsCli(aws.endpoint, ctx.config.region),
      "apigateway",
      "delete-rest-api",
      "--rest-api-id",
      resource.id ?? "",
    ),
  ],
});
