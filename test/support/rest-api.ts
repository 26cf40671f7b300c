import type { APIGatewayClient } from "@aws-sdk/client-api-gateway";
import {
  CreateDeploymentCommand,
  CreateResourceCommand,
  CreateRestApiCommand,
  GetResourcesCommand,
  PutIntegrationCommand,
  PutMethodCommand,
} from "@aws-sdk/client-api-gateway";

/**
 * A REST API (v1) that sends every path and method to one Lambda function: `ANY /` and
 * `ANY /{proxy+}` with AWS_PROXY integrations, deployed to `stage`. Returns the API id.
 */
export async function createLambdaProxyApi(
  apigw: APIGatewayClient,
  options: { name: string; functionArn: string; region: string; stage: string; binaryMediaTypes?: string[] },
): Promise<string> {
  // binaryMediaTypes must be set here: ministack 1.5.33 mangles it in UpdateRestApi patches.
  const api = await apigw.send(
    new CreateRestApiCommand({ name: options.name, binaryMediaTypes: options.binaryMediaTypes }),
  );
  const restApiId = api.id;
  if (!restApiId) throw new Error("CreateRestApi returned no id");
  const resources = await apigw.send(new GetResourcesCommand({ restApiId }));
  const rootId = resources.items?.find((resource) => resource.path === "/")?.id;
  if (!rootId) throw new Error(`REST API ${restApiId} has no root resource`);
  const proxy = await apigw.send(
    new CreateResourceCommand({ restApiId, parentId: rootId, pathPart: "{proxy+}" }),
  );
  if (!proxy.id) throw new Error("CreateResource {proxy+} returned no id");
  const uri = `arn:aws:apigateway:${options.region}:lambda:path/2015-03-31/functions/${options.functionArn}/invocations`;
  for (const resourceId of [rootId, proxy.id]) {
    await apigw.send(
      new PutMethodCommand({ restApiId, resourceId, httpMethod: "ANY", authorizationType: "NONE" }),
    );
    await apigw.send(
      new PutIntegrationCommand({
        restApiId,
        resourceId,
        httpMethod: "ANY",
        type: "AWS_PROXY",
        integrationHttpMethod: "POST",
        uri,
      }),
    );
  }
  await apigw.send(new CreateDeploymentCommand({ restApiId, stageName: options.stage }));
  return restApiId;
}
