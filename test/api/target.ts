import { AwsClients } from "../../cli/src/adapters/aws-clients.ts";
import { awsPortsOver } from "../../cli/src/adapters/aws-ports.ts";
import { probeEmulator } from "../../cli/src/composition/ports.ts";
import { profileFor } from "../../cli/src/engine/profile/emulator-profile.ts";
// The quirks the product's profile implies, the one definition the e2e suites use too.
import { awsProxyQuirks, httpProxyQuirks } from "../../cli/test/support/gateway-quirks.ts";
import { type GatewayQuirks, noQuirks } from "../../service/test/behaviour/driver.ts";

/** What the behaviour suite needs to know about a deployed stack's URL (docs/ci.md). */
export interface ApiTarget {
  url: string;
  /** What GET / reports: the compute mode serving it. */
  mode: "container" | "lambda";
  /** The emulator's API Gateway in front of the service, or none (a container's direct URL). */
  gateway: string;
  quirks: GatewayQuirks;
}

async function modeAt(url: string): Promise<ApiTarget["mode"]> {
  let res: Response;
  try {
    res = await fetch(url, { signal: AbortSignal.timeout(15_000) });
  } catch (error) {
    throw new Error(`GET ${url} failed: ${(error as Error).message} (is the stack up?)`);
  }
  const text = await res.text();
  const mode = res.status === 200 ? (JSON.parse(text) as { mode?: unknown }).mode : undefined;
  if (mode !== "container" && mode !== "lambda")
    throw new Error(`GET ${url} answered ${res.status} ${text.slice(0, 200)}, not the service's health`);
  return mode;
}

/** The suite's cases (service/test/behaviour/bad-input-cases.ts) assume a 64 KiB upload limit. */
export const suiteUploadLimit = 65_536;

async function expectUploadLimit(url: string): Promise<void> {
  const res = await fetch(`${url.replace(/\/+$/, "")}/file/upload/test-api-limit-probe.bin`, {
    method: "PUT",
    headers: { "content-type": "application/octet-stream" },
    body: new Uint8Array(suiteUploadLimit + 1),
    signal: AbortSignal.timeout(30_000),
  });
  await res.arrayBuffer();
  if (res.status !== 413)
    throw new Error(
      `an upload of ${suiteUploadLimit + 1} bytes answered ${res.status}, not 413: the suite's cases expect ` +
        `the stack deployed with STACKCTL_MAX_UPLOAD_BYTES=${suiteUploadLimit}`,
    );
}

async function binaryMediaTypes(endpoint: string, apiId: string): Promise<string[]> {
  const clients = new AwsClients({
    endpoint,
    region: process.env.AWS_REGION ?? "us-east-1",
    credentials: { accessKeyId: "test", secretAccessKey: "test" },
  });
  try {
    const api = await awsPortsOver(clients).restApis.get(apiId);
    if (api === undefined) throw new Error(`REST API ${apiId} not found at ${endpoint}`);
    return api.binaryMediaTypes;
  } finally {
    await clients.destroy();
  }
}

/**
 * A stack's URL as `stackctl up` prints it: the API URL (`<emulator>/_aws/execute-api/<id>/<stage>/`),
 * whose gateway's documented quirks the suite then expects, or a container's direct URL (none).
 * The emulator is the URL's origin; `endpoint` names it when it is not (a proxy in between).
 */
export async function resolveTarget(url: string, endpoint?: string): Promise<ApiTarget> {
  const mode = await modeAt(url);
  await expectUploadLimit(url);
  const apiId = /\/_aws\/execute-api\/([^/]+)\//.exec(`${new URL(url).pathname}/`)?.[1];
  if (apiId === undefined) return { url, mode, gateway: "none (direct URL)", quirks: noQuirks };
  const emulator = endpoint ?? new URL(url).origin;
  const probe = await probeEmulator(emulator, AbortSignal.timeout(15_000));
  if (probe.state !== "ready")
    throw new Error(`${url} is an API URL, but no emulator answers at ${emulator}: ${probe.detail}`);
  const profile = profileFor(probe.info);
  const quirks =
    mode === "container"
      ? httpProxyQuirks(profile)
      : awsProxyQuirks(profile, await binaryMediaTypes(emulator, apiId));
  const integration = mode === "container" ? "HTTP_PROXY" : "AWS_PROXY";
  return { url, mode, gateway: `${probe.info.kind} API Gateway (${integration})`, quirks };
}
