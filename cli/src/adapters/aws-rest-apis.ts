import type { APIGatewayClient } from "@aws-sdk/client-api-gateway";
import type { ProxyIntegration, RestApiSummary, RestApis } from "../engine/ports.ts";
import { lambdaUri } from "../shared/lambda-uri.ts";
import type { AwsClients } from "./aws-clients.ts";
import { isNotFound } from "./aws-not-found.ts";

const sdk = () => import("@aws-sdk/client-api-gateway");

function summary(api: {
  id?: string;
  name?: string;
  tags?: Record<string, string>;
  binaryMediaTypes?: string[];
}): RestApiSummary {
  if (api.id === undefined) throw new Error("API Gateway answered a REST API without an id");
  return {
    id: api.id,
    name: api.name ?? "",
    tags: api.tags ?? {},
    binaryMediaTypes: api.binaryMediaTypes ?? [],
  };
}

/** Reads an integration back into the port's shape (an AWS_PROXY URI names the function ARN). */
function toIntegration(type: string | undefined, uri: string | undefined): ProxyIntegration | undefined {
  if (uri === undefined) return undefined;
  if (type === "HTTP_PROXY") return { type, uri };
  if (type === "AWS_PROXY") {
    const match = /^arn:aws:apigateway:([^:]+):lambda:path\/2015-03-31\/functions\/(.+)\/invocations$/.exec(
      uri,
    );
    if (match?.[1] !== undefined && match[2] !== undefined)
      return { type, region: match[1], functionArn: match[2] };
  }
  return undefined;
}

/** API Gateway REST (v1) through the SDK: just the calls a `{proxy+}` API needs. */
export function createRestApis(clients: AwsClients): RestApis {
  const client = (): Promise<APIGatewayClient> => clients.apigateway();
  async function list(): Promise<RestApiSummary[]> {
    const { GetRestApisCommand } = await sdk();
    const found: RestApiSummary[] = [];
    let position: string | undefined;
    do {
      const page = await (await client()).send(new GetRestApisCommand({ limit: 500, position }));
      for (const item of page.items ?? []) found.push(summary(item));
      position = page.position;
    } while (position !== undefined && position !== "");
    return found;
  }
  return {
    async get(id) {
      const { GetRestApiCommand } = await sdk();
      try {
        return summary(await (await client()).send(new GetRestApiCommand({ restApiId: id })));
      } catch (error) {
        if (isNotFound(error)) return undefined;
        throw error;
      }
    },
    list,
    async findByName(name) {
      return (await list()).filter((api) => api.name === name);
    },
    async create(input) {
      const { CreateRestApiCommand } = await sdk();
      // binaryMediaTypes must be given here: ministack mangles later UpdateRestApi patches of it.
      const created = await (await client()).send(
        new CreateRestApiCommand({
          name: input.name,
          tags: input.tags,
          binaryMediaTypes: input.binaryMediaTypes,
          endpointConfiguration: { types: ["REGIONAL"] },
        }),
      );
      return summary(created);
    },
    async resources(apiId) {
      const { GetResourcesCommand } = await sdk();
      const page = await (await client()).send(new GetResourcesCommand({ restApiId: apiId, limit: 500 }));
      const items = page.items ?? [];
      const rootId = items.find((item) => item.path === "/")?.id;
      if (rootId === undefined) throw new Error(`REST API ${apiId} has no root resource`);
      const proxyId = items.find((item) => item.parentId === rootId && item.pathPart === "{proxy+}")?.id;
      return { rootId, proxyId };
    },
    async createProxyResource(apiId, rootId) {
      const { CreateResourceCommand } = await sdk();
      const created = await (await client()).send(
        new CreateResourceCommand({ restApiId: apiId, parentId: rootId, pathPart: "{proxy+}" }),
      );
      if (created.id === undefined) throw new Error("CreateResource {proxy+} returned no id");
      return created.id;
    },
    async method(apiId, resourceId) {
      const { GetMethodCommand } = await sdk();
      try {
        const method = await (await client()).send(
          new GetMethodCommand({ restApiId: apiId, resourceId, httpMethod: "ANY" }),
        );
        const integration = toIntegration(method.methodIntegration?.type, method.methodIntegration?.uri);
        return { exists: true, ...(integration === undefined ? {} : { integration }) };
      } catch (error) {
        if (isNotFound(error)) return { exists: false };
        throw error;
      }
    },
    async putAnyMethod(apiId, resourceId, options) {
      const { PutMethodCommand } = await sdk();
      await (await client()).send(
        new PutMethodCommand({
          restApiId: apiId,
          resourceId,
          httpMethod: "ANY",
          authorizationType: "NONE",
          ...(options.proxyPath ? { requestParameters: { "method.request.path.proxy": true } } : {}),
        }),
      );
    },
    async putIntegration(apiId, resourceId, integration) {
      const { PutIntegrationCommand } = await sdk();
      const common = { restApiId: apiId, resourceId, httpMethod: "ANY" };
      if (integration.type === "AWS_PROXY") {
        await (await client()).send(
          new PutIntegrationCommand({
            ...common,
            type: "AWS_PROXY",
            integrationHttpMethod: "POST",
            uri: lambdaUri(integration.functionArn, integration.region),
          }),
        );
        return;
      }
      // `{proxy}` in the URI is filled from the path parameter of `{proxy+}`; the root has none.
      const proxied = integration.uri.includes("{proxy}");
      await (await client()).send(
        new PutIntegrationCommand({
          ...common,
          type: "HTTP_PROXY",
          integrationHttpMethod: "ANY",
          uri: integration.uri,
          ...(proxied
            ? { requestParameters: { "integration.request.path.proxy": "method.request.path.proxy" } }
            : {}),
          passthroughBehavior: "WHEN_NO_MATCH",
        }),
      );
    },
    async deploy(apiId, stage, description) {
      const { CreateDeploymentCommand } = await sdk();
      const deployment = await (await client()).send(
        new CreateDeploymentCommand({ restApiId: apiId, stageName: stage, description }),
      );
      return deployment.id ?? "";
    },
    async stageExists(apiId, stage) {
      const { GetStageCommand } = await sdk();
      try {
        await (await client()).send(new GetStageCommand({ restApiId: apiId, stageName: stage }));
        return true;
      } catch (error) {
        if (isNotFound(error)) return false;
        throw error;
      }
    },
    async remove(apiId) {
      const { DeleteRestApiCommand } = await sdk();
      try {
        await (await client()).send(new DeleteRestApiCommand({ restApiId: apiId }));
      } catch (error) {
        if (!isNotFound(error)) throw error;
      }
    },
  };
}
