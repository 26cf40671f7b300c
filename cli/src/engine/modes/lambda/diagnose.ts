import { StackctlError } from "../../../errors.ts";

export interface FailedInvocation {
  functionName: string;
  packageType: "Image" | "Zip";
  image: string | undefined;
  imageArch: string | undefined;
  hostArch: string;
  /** The emulator's port: a refused connection to it is the reachability trap, to another port not. */
  emulatorPort: string;
  /** What came back: the error payload or the handler's response. */
  detail: string;
  /** The invocation's log lines (the Tail of Invoke, or CloudWatch Logs). */
  log: string;
}

const firstLine = (text: string, pattern: RegExp): string | undefined =>
  text
    .split("\n")
    .find((line) => pattern.test(line))
    ?.trim();

/**
 * Names the known traps of running the function on an emulator (docs/emulators.md) from what the
 * invocation answered and logged; anything else is LAMBDA_INVOKE_FAILED with the detail.
 */
export function diagnoseInvocation(failure: FailedInvocation): StackctlError {
  const text = `${failure.detail}\n${failure.log}`;
  const name = failure.functionName;
  // The service logs a storage error as a JSON line; the address is what the user needs from it.
  const refused = /(?:connect )?ECONNREFUSED [\w.:[\]-]+|getaddrinfo ENOTFOUND [\w.-]+/.exec(text);
  if (
    refused !== null &&
    (refused[0].includes("ENOTFOUND") || refused[0].endsWith(`:${failure.emulatorPort}`))
  )
    return new StackctlError("LAMBDA_CANNOT_REACH_EMULATOR", { function: name, detail: refused[0] });
  // Refused elsewhere (the runtime API inside the function's container): its runtime was not up yet.
  if (refused !== null)
    return new StackctlError("LAMBDA_RUNTIME_TIMEOUT", { function: name, detail: refused[0] });
  if (/exec format error/i.test(text))
    return new StackctlError("LAMBDA_ARCH_MISMATCH", {
      image: failure.image ?? name,
      imageArch: failure.imageArch ?? "another architecture",
      hostArch: failure.hostArch,
    });
  const noRuntime =
    /Runtime\.InvalidEntrypoint|aws-lambda-ric[^\n]*(not found|No such file)|Cannot find module[^\n]*lambda\.handler|Lambda RIE failed|exec: [^\n]*executable file not found/;
  const missing = noRuntime.exec(text);
  if (failure.packageType === "Image" && missing !== null)
    return new StackctlError("LAMBDA_IMAGE_WITHOUT_RIC", {
      image: failure.image ?? name,
      detail: missing[0].replace(/\\"/g, '"').slice(0, 200),
    });
  const timedOut =
    /Task timed out|Sandbox\.Timedout|timed out waiting for runtime|Runtime\.Unavailable|LAMBDA_RUNTIME_ENVIRONMENT_TIMEOUT/i;
  if (timedOut.test(text))
    return new StackctlError("LAMBDA_RUNTIME_TIMEOUT", {
      function: name,
      detail: firstLine(text, timedOut) ?? "timed out",
    });
  return new StackctlError(
    "LAMBDA_INVOKE_FAILED",
    { function: name, detail: failure.detail.slice(0, 300) },
    { details: failure.log.split("\n").slice(-15) },
  );
}
