/** What the e2e tier needs to know about the emulator it talks to (see docs/emulators.md). */
export interface EmulatorProfile {
  kind: "ministack" | "localstack" | "unknown";
  edition: string;
  version: string;
  /** Why Lambda functions with PackageType=Image cannot be invoked here, or undefined if they can. */
  imageLambdaGap: string | undefined;
}

interface Health {
  edition?: string;
  version?: string;
  services?: Record<string, string>;
}

export async function describeEmulator(endpoint: string): Promise<EmulatorProfile> {
  const res = await fetch(`${endpoint}/_localstack/health`, { signal: AbortSignal.timeout(5000) });
  const health = (await res.json()) as Health;
  const edition = health.edition ?? "unknown";
  const version = health.version ?? "unknown";
  // ministack reports edition "light" (MINISTACK_EDITION); LocalStack community/pro/enterprise.
  const kind = ["community", "pro", "enterprise"].includes(edition)
    ? "localstack"
    : edition === "light" || process.env.STACKCTL_EMULATOR === "ministack"
      ? "ministack"
      : "unknown";
  let imageLambdaGap: string | undefined;
  if (kind === "localstack" && edition === "community") {
    imageLambdaGap = `LocalStack community ${version} cannot invoke PackageType=Image functions or serve ECR`;
  } else if (health.services?.ecr === undefined) {
    imageLambdaGap = `the emulator at ${endpoint} lists no ECR service`;
  }
  return { kind, edition, version, imageLambdaGap };
}

/**
 * Where `docker push` goes for an ECR repository. ministack answers with AWS-shaped
 * `<account>.dkr.ecr.<region>.amazonaws.com/<repo>` URIs but serves the registry on its own
 * port; LocalStack's URIs (`….localhost.localstack.cloud:4566/<repo>`) are pushable as they are.
 */
export function registryFor(repositoryUri: string, endpoint: string): string {
  const override = process.env.STACKCTL_REGISTRY;
  if (override) return override;
  const host = repositoryUri.split("/")[0] ?? "";
  return host.endsWith(".amazonaws.com") ? new URL(endpoint).host : host;
}

/** The REST API stage URL form that both ministack and LocalStack (3.x, 4.x) serve. */
export function stageUrl(endpoint: string, apiId: string, stage: string, path: string): string {
  return `${endpoint}/_aws/execute-api/${apiId}/${stage}${path.startsWith("/") ? path : `/${path}`}`;
}
