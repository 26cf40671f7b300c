import Docker from "dockerode";
import { loadTestEnvFile } from "./test-env.ts";

loadTestEnvFile();

export interface TierEnv {
  /** Emulator endpoint as the tests see it, e.g. http://127.0.0.1:4566 */
  endpoint: string;
  /**
   * Emulator endpoint as containers on the default bridge see it (for AWS_ENDPOINT_URL of a
   * service container a test starts), e.g. http://172.17.0.1:4566. See docs/testing.md.
   */
  containerEndpoint: string;
  /** Stand-in (or real) image for node:22-slim */
  baseImage: string;
  /** Stand-in (or real) image for public.ecr.aws/lambda/nodejs:22 */
  lambdaBaseImage: string;
}

export interface TierStatus {
  /**
   * The emulator profile this test process runs under (`ministack`, `localstack`): vitest runs
   * the e2e tier once per profile (see vitest.config.ts). `unknown` outside those projects.
   */
  profile: string;
  /** Undefined when everything the tier needs answered; otherwise why the tier is skipped. */
  skipReason: string | undefined;
  env: TierEnv;
}

export const requireE2e = process.env.STACKCTL_REQUIRE_E2E === "1";

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  return Promise.race([
    promise,
    new Promise<T>((_, reject) =>
      setTimeout(() => reject(new Error(`${what} did not answer in ${ms} ms`)), ms).unref(),
    ),
  ]);
}

async function dockerProblem(): Promise<string | undefined> {
  try {
    await withTimeout(new Docker().ping(), 3000, "Docker engine");
    return undefined;
  } catch (error) {
    return `no Docker engine (${(error as Error).message}); run \`npm run test-env:up\``;
  }
}

// ministack says edition "light"; LocalStack community/pro/enterprise (docs/emulators.md).
function kindOfEdition(edition: unknown): string {
  if (edition === "light") return "ministack";
  return typeof edition === "string" && ["community", "pro", "enterprise"].includes(edition)
    ? "localstack"
    : "unknown";
}

async function emulatorProblem(endpoint: string, profile: string): Promise<string | undefined> {
  try {
    const res = await withTimeout(fetch(`${endpoint}/_localstack/health`), 3000, `emulator at ${endpoint}`);
    if (!res.ok) return `emulator at ${endpoint} answered ${res.status} on /_localstack/health`;
    const kind = kindOfEdition(((await res.json()) as { edition?: unknown }).edition);
    // A run under one profile must never pass against the other emulator.
    if (profile !== "unknown" && kind !== profile)
      return `the ${profile} run found ${kind} at ${endpoint}; run \`npm run test-env:up\``;
    return undefined;
  } catch (error) {
    return `no AWS emulator at ${endpoint} (${(error as Error).message}); run \`npm run test-env:up\``;
  }
}

/**
 * Detects what a docker or e2e test file needs. Without it the tier is skipped with a loud
 * reason, except under STACKCTL_REQUIRE_E2E=1 (CI), where a missing dependency fails the file.
 */
export async function detectTier(
  needs: { docker: boolean; emulator: boolean },
  file: string,
): Promise<TierStatus> {
  const profile = process.env.STACKCTL_TEST_PROFILE ?? "unknown";
  const env: TierEnv = {
    endpoint: process.env.STACKCTL_ENDPOINT ?? "http://127.0.0.1:4566",
    // host.docker.internal resolves in a container only with `--add-host host.docker.internal:host-gateway`.
    containerEndpoint: process.env.STACKCTL_CONTAINER_ENDPOINT ?? "http://host.docker.internal:4566",
    baseImage: process.env.STACKCTL_BASE_IMAGE ?? "node:22-slim",
    lambdaBaseImage: process.env.STACKCTL_LAMBDA_BASE_IMAGE ?? "public.ecr.aws/lambda/nodejs:22",
  };
  const problems = (
    await Promise.all([
      needs.docker ? dockerProblem() : undefined,
      needs.emulator ? emulatorProblem(env.endpoint, profile) : undefined,
    ])
  ).filter((p): p is string => p !== undefined);
  const skipReason = problems.length > 0 ? problems.join("; ") : undefined;
  const where = profile === "unknown" ? file : `${file} [${profile}]`;
  if (skipReason !== undefined) {
    if (requireE2e) {
      throw new Error(`STACKCTL_REQUIRE_E2E=1 but ${where} cannot run: ${skipReason}`);
    }
    console.warn(`\n*** SKIPPING ${where}: ${skipReason} ***\n`);
  }
  return { profile, skipReason, env };
}
