import { type ErrorSpec, exitCodes } from "./spec.ts";

/** The error table's second half (cli/src/errors.ts joins both): AWS calls, build, deploy, smoke, run. */
export const deployErrors = {
  AWS_CALL_FAILED: {
    message: "{operation} failed: {detail}",
    hint: "Retry; if it persists, `stackctl doctor` checks the emulator and its capabilities.",
    retryable: true,
    exit: exitCodes.failed,
  },
  ENVIRONMENT_CHECKS_FAILED: {
    message: "{count} environment check(s) failed.",
    hint: "Apply the fixes listed above, then run `stackctl doctor` again.",
    retryable: false,
    exit: exitCodes.environment,
  },
  BUNDLE_FAILED: {
    message: "Bundling the service with esbuild failed: {detail}",
    hint: "Fix the error in service/src named above (`npm run build -w service` shows all of it), then rerun.",
    retryable: false,
    exit: exitCodes.failed,
  },
  DEV_NO_IMAGE: {
    message:
      'stackctl dev has no {target} image of stack "{stack}" to start a reload from (not recorded, or removed from Docker).',
    hint: "Press r in `stackctl dev` (or restart it): the full path builds the image again.",
    retryable: true,
    exit: exitCodes.failed,
  },
  BASE_IMAGE_UNAVAILABLE: {
    message: "The base image {image} is not on this machine and could not be pulled ({detail}).",
    hint: "Run `docker pull {image}` where the registry is reachable, or set {setting} to a local image with the same contract.",
    retryable: true,
    exit: exitCodes.environment,
  },
  IMAGE_BUILD_FAILED: {
    message: "Building {image} failed{step}: {detail}",
    hint: "Read the build output above (all of it with --verbose); fix {dockerfile} or the base image, then rerun.",
    retryable: false,
    exit: exitCodes.failed,
  },
  EMULATOR_UNREACHABLE_FROM_CONTAINERS: {
    message: "Containers cannot reach the emulator at {url} ({detail}); the service would answer 503.",
    hint: "Make the emulator listen where containers reach it: bind it to 0.0.0.0 or the docker bridge gateway (ministack: --bind 172.17.0.1:{port}; LocalStack: GATEWAY_LISTEN=0.0.0.0:{port}), or set STACKCTL_CONTAINER_ENDPOINT to a URL that works from a container.",
    retryable: false,
    exit: exitCodes.environment,
  },
  CONTAINER_UNHEALTHY: {
    message: "The service container {name} {detail}.",
    hint: "Read its log tail above (`docker logs {name}`); fix the cause and rerun `stackctl up`. The previous deployment, if any, still serves.",
    retryable: false,
    exit: exitCodes.failed,
  },
  API_NOT_SERVING: {
    message: "API Gateway does not serve the new deployment at {url}: {detail}",
    hint: "Run `stackctl status` and `stackctl doctor`; the previous deployment, if any, still serves. Rerun `stackctl up` to retry.",
    retryable: true,
    exit: exitCodes.smokeFailed,
  },
  SMOKE_FAILED: {
    message: 'Smoke check "{check}" failed at {url}: {detail}',
    hint: "The stack is deployed but does not answer as it should: `stackctl logs` shows the service's side; rerun `stackctl smoke` after a fix.",
    retryable: false,
    exit: exitCodes.smokeFailed,
  },
  NOT_DEPLOYED: {
    message: 'Stack "{stack}" has no {what} deployed.',
    hint: "Run `stackctl up --stack {stack}` first{otherwise}.",
    retryable: false,
    exit: exitCodes.failed,
  },
  // Lambda mode ------------------------------------------------------------------------------
  IMAGE_LAMBDA_UNSUPPORTED: {
    message: "--package image needs an emulator that runs image functions; {emulator} cannot ({detail}).",
    hint: "Use --package zip (or auto, which picks zip here); or export LOCALSTACK_AUTH_TOKEN for LocalStack Pro, or use an emulator with ECR and image functions (ministack).",
    retryable: false,
    exit: exitCodes.environment,
  },
  IMAGE_PUSH_FAILED: {
    message: "Pushing {image} to the emulator's registry {registry} failed: {detail}",
    hint: "Check that the emulator serves ECR and that Docker may push to {registry} (set STACKCTL_REGISTRY / config registry to the address the emulator's registry answers on).",
    retryable: true,
    exit: exitCodes.failed,
  },
  LAMBDA_ZIP_TOO_LARGE: {
    message: "The function zip is {size} bytes, over Lambda's {limit}-byte limit for a direct upload.",
    hint: "Use --package image (images may be up to 10 GB), or shrink the bundle (service/scripts/build.mjs marks what it bundles).",
    retryable: false,
    exit: exitCodes.failed,
  },
  LAMBDA_ARCH_MISMATCH: {
    message: "The function image {image} is {imageArch}, but the Docker host is {hostArch}.",
    hint: "Build on (or for) the host's architecture: set STACKCTL_LAMBDA_BASE_IMAGE to a {hostArch} base image, or remove the stale base image so it is pulled for this host.",
    retryable: false,
    exit: exitCodes.failed,
  },
  LAMBDA_NOT_ACTIVE: {
    message: "Function {function} did not become Active: {detail}",
    hint: "The previous function, if any, still serves. Check the emulator's log; rerun `stackctl up` to retry.",
    retryable: true,
    exit: exitCodes.failed,
  },
  LAMBDA_CANNOT_REACH_EMULATOR: {
    message: "Function {function} cannot reach the emulator from its container: {detail}",
    hint: "The emulator must listen where function containers reach it, not only on 127.0.0.1: bind ministack to 0.0.0.0 or the Docker bridge gateway; for LocalStack set LAMBDA_DOCKER_NETWORK to its compose network. See docs/emulators.md.",
    retryable: false,
    exit: exitCodes.environment,
  },
  LAMBDA_RUNTIME_TIMEOUT: {
    message: "Function {function} did not start its runtime in time: {detail}",
    hint: "A first start pulls the image and initialises the runtime: rerun `stackctl up`; on LocalStack raise LAMBDA_RUNTIME_ENVIRONMENT_TIMEOUT; `stackctl logs` shows how far it got.",
    retryable: true,
    exit: exitCodes.smokeFailed,
  },
  LAMBDA_IMAGE_WITHOUT_RIC: {
    message:
      "Function image {image} has no Lambda runtime interface client, so it cannot serve invocations: {detail}",
    hint: "Base the image on public.ecr.aws/lambda/nodejs:22 (or one with aws-lambda-ric and its entrypoint); STACKCTL_LAMBDA_BASE_IMAGE / config lambdaBaseImage names the base.",
    retryable: false,
    exit: exitCodes.failed,
  },
  LAMBDA_INVOKE_FAILED: {
    message: "Function {function} failed its warm-up invocation: {detail}",
    hint: "`stackctl logs` shows the function's log; the previous function, if any, still serves.",
    retryable: false,
    exit: exitCodes.smokeFailed,
  },
  INTERRUPTED: {
    message: "Interrupted.",
    hint: "Nothing half-done was recorded; run the command again to continue where it stopped.",
    retryable: true,
    exit: exitCodes.interrupted,
  },
  INTERNAL: {
    message: "Unexpected error: {detail}",
    hint: "This is a bug in stackctl; rerun with --verbose and report the stack trace.",
    retryable: false,
    exit: exitCodes.failed,
  },
} as const satisfies Record<string, ErrorSpec>;
