import type { ModeResult } from "../compute-mode.ts";
import type { ContainerDeployment } from "./deploy-mode.ts";

/** Container mode's part of the `up` result: the deploy block, the names, the changes and summary lines. */
export function containerResult(deployed: ContainerDeployment): ModeResult {
  const { image, container, api } = deployed;
  const changes: ModeResult["changes"] = { created: [], updated: [], unchanged: [] };
  (image.change === "built" ? changes.created : changes.unchanged).push(`image ${image.tag}`);
  (container.change === "started" ? changes.created : changes.unchanged).push(`container ${container.name}`);
  const apiLabel = `rest-api ${api.id}`;
  if (api.change === "created") changes.created.push(apiLabel);
  else if (api.change === "updated") changes.updated.push(apiLabel);
  else changes.unchanged.push(apiLabel);
  return {
    deploy: {
      status: "deployed",
      mode: deployed.mode,
      apiIdFixed: api.idFixed,
      container: { id: container.id, name: container.name, change: container.change },
      image: { tag: image.tag, change: image.change },
      api: { id: api.id, change: api.change },
      ...(container.portNote === undefined ? {} : { portNote: container.portNote }),
      smoke: deployed.smoke.checks,
      retired: deployed.retired,
    },
    directUrl: deployed.directUrl,
    resources: { restApiId: api.id, functionName: null, containerId: container.id },
    image: { tag: image.tag, id: image.id, digest: null },
    changes,
    summary: [
      `  image      ${image.tag} (${image.change})`,
      `  container  ${container.name} (${container.change})`,
      `  API URL    ${deployed.apiUrl}${api.idFixed ? "" : "  (id not fixed by this emulator: it changes after down/up)"}`,
      `  direct URL ${deployed.directUrl}`,
      `  smoke      ${deployed.smoke.checks.length} checks passed`,
    ],
    timings: {},
  };
}
