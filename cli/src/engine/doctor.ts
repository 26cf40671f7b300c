import { StackctlError } from "../errors.ts";
import { withAwsPorts } from "./aws-session.ts";
import type { EngineContext } from "./context.ts";
import type { Check, CheckVerdict } from "./doctor-check.ts";
import { kindChecks, ministackChecks } from "./doctor-kinds.ts";
import { limitationChecks } from "./doctor-limits.ts";
import { detectCapabilities } from "./emulator/capabilities.ts";
import { stackEndpoint } from "./emulator/endpoint.ts";
import { managedExposure } from "./emulator/exposure.ts";
import { emulatorImage, imageNeedsAuthToken } from "./emulator/pinned-image.ts";
import type { EngineEvent } from "./events.ts";
import { nodeSupport, supportedNodeRange } from "./node-support.ts";
import type { EnginePorts } from "./ports.ts";

export type { Check, CheckVerdict } from "./doctor-check.ts";

/** The running Node and what stackctl supports (node-support.ts, package.json `engines`). */
export function nodeCheck(version = process.versions.node): Check {
  const detail = `Node ${version} (stackctl supports ${supportedNodeRange})`;
  const support = nodeSupport(version);
  // A warning, not a failure (as npm treats `engines`): the checks that follow still say what they find.
  if (support !== "supported") {
    const why = support === "below-floor" ? "Older than stackctl supports" : "Not a supported release line";
    return {
      name: "node",
      verdict: "warn",
      detail,
      fix: `${why}: install Node 24, 22 or 26 (https://nodejs.org).`,
    };
  }
  return { name: "node", verdict: "pass", detail, fix: "" };
}

export interface DoctorOutcome {
  checks: Check[];
  /** How many checks passed with a warning. */
  warnings: number;
}

const eventStatus = { pass: "done", warn: "warn", fail: "fail" } as const;

/** One progress event per check, with its fix. */
export function checkEvent(check: Check): EngineEvent {
  const fix = check.fix === "" ? "" : `  → ${check.fix}`;
  return {
    step: `doctor.${check.name.replace(/\s+/g, "-")}`,
    status: eventStatus[check.verdict],
    message: `${check.detail}${fix}`,
  };
}

/**
 * `doctor`: one event per check, then the verdict: ENVIRONMENT_CHECKS_FAILED listing each failing
 * check's fix, or the checks with the number of warnings. Read-only.
 */
export async function doctor(ctx: EngineContext, deps: EnginePorts): Promise<DoctorOutcome> {
  const checks = await runChecks(ctx, deps);
  for (const check of checks) ctx.emit(checkEvent(check));
  const failed = checks.filter((check) => check.verdict === "fail");
  if (failed.length > 0) {
    throw new StackctlError(
      "ENVIRONMENT_CHECKS_FAILED",
      { count: failed.length },
      { details: failed.map((check) => `${check.name}: ${check.fix}`) },
    );
  }
  return { checks, warnings: checks.filter((check) => check.verdict === "warn").length };
}

/** Checks each thing stackctl relies on and says how to fix what is missing. */
async function runChecks(ctx: EngineContext, deps: EnginePorts): Promise<Check[]> {
  const managed = ctx.config.endpoint === undefined;
  const kind = ctx.config.emulator.kind;
  // Docker is a must when stackctl has to start an emulator; with --endpoint only deploys need it later.
  const dockerMiss: CheckVerdict = managed ? "fail" : "warn";
  // Compose starts only the managed LocalStack.
  const composeMiss: CheckVerdict = managed && kind === "localstack" ? "fail" : "warn";
  const runtime = await deps.emulatorHost();
  const checks: Check[] = [nodeCheck()];
  const docker = await runtime.docker();
  checks.push(
    docker.state === "up"
      ? { name: "docker", verdict: "pass", detail: `engine ${docker.version}`, fix: "" }
      : docker.state === "missing"
        ? {
            name: "docker",
            verdict: dockerMiss,
            detail: "not installed",
            fix: "Install Docker: https://docs.docker.com/get-docker/",
          }
        : {
            name: "docker",
            verdict: dockerMiss,
            detail: `engine not reachable (${docker.detail})`,
            fix: "Start Docker Desktop or `sudo systemctl start docker`.",
          },
  );
  const compose = await runtime.compose();
  checks.push(
    compose.ok
      ? { name: "compose", verdict: "pass", detail: `docker compose ${compose.version}`, fix: "" }
      : {
          name: "compose",
          verdict: composeMiss,
          detail: compose.detail,
          fix: "Install the Compose v2 plugin: https://docs.docker.com/compose/install/",
        },
  );
  const image = await emulatorImage(ctx.config.emulatorImage);
  if (managed && kind === "ministack") checks.push(...(await ministackChecks(ctx.config, deps.processes)));
  if (managed && kind === "localstack" && docker.state === "up") {
    const present = await runtime.imagePresent(image);
    checks.push({
      name: "emulator image",
      verdict: present ? "pass" : "warn",
      detail: present ? `${image} is present` : `${image} is not pulled yet`,
      fix: present ? "" : `The first \`stackctl up\` pulls it; or \`docker pull ${image}\` now.`,
    });
  }
  const endpoint = stackEndpoint(ctx.config);
  const probe = await deps.probe(endpoint, ctx.signal);
  if (probe.state === "ready") {
    const { info } = probe;
    const caps = await withAwsPorts(ctx, deps, endpoint, (aws) =>
      detectCapabilities(info, {
        registry: aws.registry,
        dockerReachable: async () => docker.state === "up",
      }),
    );
    const { kind, version, edition } = info;
    const detail = `${kind} ${version} (${edition}) at ${endpoint}; ecr ${caps.ecr ? "yes" : "no"}, image lambdas ${caps.imageLambdas ? "yes" : "no"}`;
    checks.push({ name: "emulator", verdict: "pass", detail, fix: "" }, ...limitationChecks(info));
  } else if (managed && probe.state === "unreachable" && probe.detail === "ECONNREFUSED") {
    checks.push({
      name: "emulator",
      verdict: "pass",
      detail: `not running; port ${ctx.config.emulator.port} is free`,
      fix: "",
    });
  } else if (managed) {
    checks.push({
      name: "port",
      verdict: "fail",
      detail: `port ${ctx.config.emulator.port} is taken by something else (${probe.detail})`,
      fix: `Free it (\`lsof -i :${ctx.config.emulator.port}\`) or set emulator.port in stackctl.config.json.`,
    });
  } else if (probe.state === "foreign") {
    checks.push({
      name: "emulator",
      verdict: "fail",
      detail: `${endpoint} answers, but not as an AWS emulator (${probe.detail})`,
      fix: "Point --endpoint at LocalStack or ministack (their /_localstack/health lists services), or drop it to let stackctl start LocalStack.",
    });
  } else {
    checks.push({
      name: "emulator",
      verdict: "fail",
      detail: `nothing answers at ${endpoint} (${probe.detail})`,
      fix: "Start the emulator, or drop --endpoint to let stackctl start LocalStack.",
    });
  }
  if (managed)
    checks.push({
      name: "exposure",
      verdict: "pass",
      detail: managedExposure(kind, ctx.config.emulator.port),
      fix: "",
    });
  checks.push(...kindChecks(ctx.config));
  const needsToken = managed && kind === "localstack" && imageNeedsAuthToken(image);
  checks.push({
    name: "auth token",
    verdict: needsToken && !ctx.config.authTokenPresent ? "fail" : "pass",
    detail: `LOCALSTACK_AUTH_TOKEN ${ctx.config.authTokenPresent ? "set" : "not set"}${needsToken ? ` (${image} needs one)` : ""}`,
    fix:
      needsToken && !ctx.config.authTokenPresent
        ? "Export LOCALSTACK_AUTH_TOKEN, or pin localstack/localstack:4.14.0."
        : "",
  });
  return checks;
}
