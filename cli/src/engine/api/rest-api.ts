import type { EngineContext } from "../context.ts";
import type { ProxyIntegration, RestApiSummary, RestApis } from "../ports.ts";
import { type EmulatorProfile, fixedRestApiId, stageUrl } from "../profile/emulator-profile.ts";
import { stackTagKey } from "../stack-labels.ts";
import type { LedgerWriter } from "../state/ledger-writer.ts";
import { recordResource } from "../state/resources.ts";

export const stageName = "dev";

export function restApiName(stack: string): string {
  return `stackctl-${stack}`;
}

export interface StackApi {
  id: string;
  url: string;
  /** Whether the id is fixed from the stack name (the URL survives down/up and emulator restarts). */
  idFixed: boolean;
  change: "created" | "updated" | "unchanged";
  deploymentId: string | undefined;
}

/** The integrations each resource should have: `{proxy}` in an HTTP_PROXY URI carries the path. */
export type Backend =
  | { type: "HTTP_PROXY"; baseUrl: string }
  | { type: "AWS_PROXY"; functionArn: string; region: string };

function integrationFor(backend: Backend, proxy: boolean): ProxyIntegration {
  if (backend.type === "AWS_PROXY") return backend;
  return { type: "HTTP_PROXY", uri: `${backend.baseUrl}/${proxy ? "{proxy}" : ""}` };
}

function sameIntegration(a: ProxyIntegration | undefined, b: ProxyIntegration): boolean {
  if (a === undefined || a.type !== b.type) return false;
  if (a.type === "HTTP_PROXY" && b.type === "HTTP_PROXY") return a.uri === b.uri;
  // Field by field: the integration read back lists its keys in another order than the wanted one.
  return (
    a.type === "AWS_PROXY" &&
    b.type === "AWS_PROXY" &&
    a.functionArn === b.functionArn &&
    a.region === b.region
  );
}

/** The stack's API: by its fixed id where the emulator honours the id tag, else by name and stack tag. */
export async function findStackApi(
  restApis: RestApis,
  profile: EmulatorProfile,
  stack: string,
): Promise<RestApiSummary | undefined> {
  if (profile.restApiIdTag !== undefined) {
    const fixed = await restApis.get(fixedRestApiId(stack));
    if (fixed !== undefined) return fixed;
  }
  const named = await restApis.findByName(restApiName(stack));
  return named.find((api) => api.tags[stackTagKey] === stack) ?? undefined;
}

/**
 * One REST API per stack: `ANY /` and `ANY /{proxy+}` to the backend, binary media types set at
 * creation, deployed to stage `dev`. A deployment is created whenever an integration changed or the
 * stage is missing: LocalStack and AWS serve nothing new without one (ministack applies at once).
 */
export async function ensureStackApi(
  ctx: EngineContext,
  restApis: RestApis,
  profile: EmulatorProfile,
  backend: Backend,
): Promise<{ value: StackApi; message: string }> {
  const { stack } = ctx.config;
  let api = await findStackApi(restApis, profile, stack);
  let change: StackApi["change"] = "unchanged";
  const wantedId = profile.restApiIdTag === undefined ? undefined : fixedRestApiId(stack);
  if (api === undefined) {
    api = await restApis.create({
      name: restApiName(stack),
      tags: {
        [stackTagKey]: stack,
        ...(profile.restApiIdTag === undefined || wantedId === undefined
          ? {}
          : { [profile.restApiIdTag]: wantedId }),
      },
      // `*/*` decodes Lambda's base64 bodies for any Accept on AWS and ministack; LocalStack 4.14
      // skips wildcard types and matches the request's Accept, so name the binary type too.
      binaryMediaTypes: ["*/*", "application/octet-stream"],
    });
    change = "created";
  }
  const resources = await restApis.resources(api.id);
  const proxyId = resources.proxyId ?? (await restApis.createProxyResource(api.id, resources.rootId));
  for (const [resourceId, proxy] of [
    [resources.rootId, false],
    [proxyId, true],
  ] as const) {
    const method = await restApis.method(api.id, resourceId);
    const wanted = integrationFor(backend, proxy);
    if (!method.exists) await restApis.putAnyMethod(api.id, resourceId, { proxyPath: proxy });
    if (!method.exists || !sameIntegration(method.integration, wanted)) {
      await restApis.putIntegration(api.id, resourceId, wanted);
      if (change === "unchanged") change = "updated";
    }
  }
  let deploymentId: string | undefined;
  if (change !== "unchanged" || !(await restApis.stageExists(api.id, stageName))) {
    const target = backend.type === "AWS_PROXY" ? backend.functionArn : backend.baseUrl;
    deploymentId = await restApis.deploy(api.id, stageName, `stackctl up: ${target}`);
    if (change === "unchanged") change = "updated";
  }
  const url = stageUrl(profile.endpoint, api.id, stageName, "/");
  const idFixed = wantedId !== undefined && api.id === wantedId;
  const verb = change === "unchanged" ? "unchanged" : change === "created" ? "created" : "repointed";
  return {
    value: { id: api.id, url, idFixed, change, deploymentId },
    message: `${verb} ${api.id} → ${backend.type === "AWS_PROXY" ? backend.functionArn : backend.baseUrl}${idFixed ? "" : " (id not fixed by this emulator)"}`,
  };
}

/** Records the stack's REST API in the ledger after `ensureStackApi`, with the mode it now serves. */
export async function recordStackApi(
  state: LedgerWriter,
  stack: string,
  api: StackApi,
  backend: string,
): Promise<void> {
  await recordResource(state, {
    kind: "rest-api",
    name: restApiName(stack),
    id: api.id,
    ownedByStackctl: true,
    attributes: { url: api.url, idFixed: api.idFixed, backend },
  });
}
