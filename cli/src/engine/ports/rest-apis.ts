// API Gateway; adapter: adapters/aws-rest-apis.ts.
import type { Labels } from "./common.ts";

export type ProxyIntegration =
  | { type: "HTTP_PROXY"; uri: string }
  | { type: "AWS_PROXY"; functionArn: string; region: string };

export interface RestApiSummary {
  id: string;
  name: string;
  tags: Labels;
  binaryMediaTypes: string[];
}

export interface RestApis {
  /** Every REST API, with its tags. */
  list(): Promise<RestApiSummary[]>;
  get(id: string): Promise<RestApiSummary | undefined>;
  findByName(name: string): Promise<RestApiSummary[]>;
  create(input: { name: string; tags: Labels; binaryMediaTypes: string[] }): Promise<RestApiSummary>;
  /** The root resource id and the `{proxy+}` child's id, when it exists. */
  resources(apiId: string): Promise<{ rootId: string; proxyId: string | undefined }>;
  createProxyResource(apiId: string, rootId: string): Promise<string>;
  /** Whether `ANY` is defined on the resource, and its integration. */
  method(apiId: string, resourceId: string): Promise<{ exists: boolean; integration?: ProxyIntegration }>;
  /** `proxyPath`: the resource is `{proxy+}`, whose path parameter the integration maps. */
  putAnyMethod(apiId: string, resourceId: string, options: { proxyPath: boolean }): Promise<void>;
  putIntegration(apiId: string, resourceId: string, integration: ProxyIntegration): Promise<void>;
  deploy(apiId: string, stage: string, description: string): Promise<string>;
  stageExists(apiId: string, stage: string): Promise<boolean>;
  remove(apiId: string): Promise<void>;
}
