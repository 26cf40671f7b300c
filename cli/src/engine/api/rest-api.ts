import { lambdaUri } from "../../shared/lambda-uri.ts";
import type { EngineContext } from "../context.ts";
import { explainStep } from "../plan-step.ts";
import type { ProxyIntegration, RestApiSummary, RestApis } from "../ports.ts";
import { type EmulatorProfile, fixedRestApiId, stageUrl } from "../profile/emulator-profile.ts";
import { awsCli } from "../provision/resource.ts";
import { shellAssign, shellLine, shellRef, shellVar } from "../shell-quote.ts";
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

/** What `ensureStackApi` would find and change, read without changing anything. */
export interface ApiInspection {
  api: RestApiSummary | undefined;
  proxyExists: boolean;
  /** Root first, then `{proxy+}`: whether its `ANY` method exists and already has the wanted integration. */
  methods: { proxy: boolean; exists: boolean; current: boolean }[];
  stageExists: boolean;
  change: "create" | "update" | "unchanged";
}

export async function inspectStackApi(
  restApis: RestApis,
  profile: EmulatorProfile,
  stack: string,
  backend: Backend,
): Promise<ApiInspection> {
  const api = await findStackApi(restApis, profile, stack);
  const fresh = [false, true].map((proxy) => ({ proxy, exists: false, current: false }));
  if (api === undefined)
    return { api, proxyExists: false, methods: fresh, stageExists: false, change: "create" };
  const resources = await restApis.resources(api.id);
  const methods = [];
  for (const [resourceId, proxy] of [
    [resources.rootId, false],
    [resources.proxyId, true],
  ] as const) {
    const method = resourceId === undefined ? undefined : await restApis.method(api.id, resourceId);
    const exists = method?.exists === true;
    methods.push({
      proxy,
      exists,
      current: exists && sameIntegration(method?.integration, integrationFor(backend, proxy)),
    });
  }
  const stageExists = await restApis.stageExists(api.id, stageName);
  const current = resources.proxyId !== undefined && stageExists && methods.every((method) => method.current);
  return {
    api,
    proxyExists: resources.proxyId !== undefined,
    methods,
    stageExists,
    change: current ? "unchanged" : "update",
  };
}

const byPath = (path: string) => `items[?path==\`${path}\`].id`;

/**
 * The AWS CLI lines of `ensureStackApi` for what `inspection` found: the API (created with its
 * tags, or its id), its two resources, each `ANY` method and integration that is missing or
 * different, and a deployment. Ids the emulator assigns are kept in shell variables.
 */
export function stackApiCommands(
  cli: string[],
  profile: EmulatorProfile,
  stack: string,
  backend: Backend,
  inspection: ApiInspection,
): string[] {
  const api = ["apigateway"];
  const id = ["--rest-api-id", shellVar("API_ID")];
  const text = ["--output", "text"];
  const tags: Record<string, string> = {
    [stackTagKey]: stack,
    ...(profile.restApiIdTag === undefined ? {} : { [profile.restApiIdTag]: fixedRestApiId(stack) }),
  };
  const lines = [
    inspection.api === undefined
      ? shellAssign(
          "API_ID",
          ...cli,
          ...api,
          "create-rest-api",
          "--name",
          restApiName(stack),
          "--endpoint-configuration",
          "types=REGIONAL",
          "--binary-media-types",
          "*/*",
          "application/octet-stream",
          "--tags",
          JSON.stringify(tags),
          "--query",
          "id",
          ...text,
        )
      : `API_ID=${shellLine(inspection.api.id)}`,
    shellAssign("ROOT_ID", ...cli, ...api, "get-resources", ...id, "--query", byPath("/"), ...text),
    inspection.proxyExists
      ? shellAssign(
          "PROXY_ID",
          ...cli,
          ...api,
          "get-resources",
          ...id,
          "--query",
          byPath("/{proxy+}"),
          ...text,
        )
      : shellAssign(
          "PROXY_ID",
          ...cli,
          ...api,
          "create-resource",
          ...id,
          "--parent-id",
          shellVar("ROOT_ID"),
          "--path-part",
          "{proxy+}",
          "--query",
          "id",
          ...text,
        ),
  ];
  for (const method of inspection.methods) {
    const on = [
      ...id,
      "--resource-id",
      shellVar(method.proxy ? "PROXY_ID" : "ROOT_ID"),
      "--http-method",
      "ANY",
    ];
    if (!method.exists)
      lines.push(
        shellLine(
          ...cli,
          ...api,
          "put-method",
          ...on,
          "--authorization-type",
          "NONE",
          ...(method.proxy
            ? ["--request-parameters", JSON.stringify({ "method.request.path.proxy": true })]
            : []),
        ),
      );
    if (method.current) continue;
    const wanted = integrationFor(backend, method.proxy);
    lines.push(
      wanted.type === "AWS_PROXY"
        ? shellLine(
            ...cli,
            ...api,
            "put-integration",
            ...on,
            "--type",
            "AWS_PROXY",
            "--integration-http-method",
            "POST",
            "--uri",
            lambdaUri(wanted.functionArn, wanted.region),
          )
        : shellLine(
            ...cli,
            ...api,
            "put-integration",
            ...on,
            "--type",
            "HTTP_PROXY",
            "--integration-http-method",
            "ANY",
            "--uri",
            wanted.uri,
            ...(method.proxy
              ? [
                  "--request-parameters",
                  JSON.stringify({ "integration.request.path.proxy": "method.request.path.proxy" }),
                ]
              : []),
            "--passthrough-behavior",
            "WHEN_NO_MATCH",
          ),
    );
  }
  if (inspection.change !== "unchanged") {
    const target = backend.type === "AWS_PROXY" ? backend.functionArn : backend.baseUrl;
    lines.push(
      shellLine(
        ...cli,
        ...api,
        "create-deployment",
        ...id,
        "--stage-name",
        stageName,
        "--description",
        `stackctl up: ${target}`,
      ),
    );
  }
  const url = stageUrl(profile.endpoint, "API_ID_", stageName, "/").replace("API_ID_", shellRef("API_ID"));
  lines.push(`API_URL="${url}"`);
  return lines;
}

/** --explain of the api step: the AWS CLI lines for what `ensureStackApi` is about to change. */
export async function explainStackApi(
  ctx: EngineContext,
  restApis: RestApis,
  profile: EmulatorProfile,
  backend: Backend,
  extraCommands: string[] = [],
): Promise<void> {
  if (!ctx.explain) return;
  const inspection = await inspectStackApi(restApis, profile, ctx.config.stack, backend);
  const cli = awsCli(profile.endpoint, ctx.config.region);
  explainStep(ctx, "api", [
    ...stackApiCommands(cli, profile, ctx.config.stack, backend, inspection),
    ...extraCommands,
  ]);
}
