/**
 * The managed LocalStack's one correction (docs/emulators.md, "The managed LocalStack's correction"):
 * compose/localstack/ready.d/20-stackctl-binary-downloads.py makes its AWS_PROXY integration decode
 * base64 Lambda answers for any Accept when binaryMediaTypes lists `*` + `/*`, as AWS does. The hook
 * applies it only to LocalStack 4.14.0's exact code (sha256) and fails otherwise.
 */
export const binaryDownloadsHook = "20-stackctl-binary-downloads.py";

/** The id `EmulatorInfo.corrections` carries when the hook ran and applied it. */
export const binaryDownloadsCorrection = "aws-proxy-binary-any-accept";

export interface HookScript {
  name?: string;
  state?: string;
}

/** The corrections in effect, read from LocalStack's init report (`/_localstack/init/ready`). */
export function correctionsFrom(scripts: readonly HookScript[]): string[] {
  return scripts.some((script) => script.name === binaryDownloadsHook && script.state === "SUCCESSFUL")
    ? [binaryDownloadsCorrection]
    : [];
}

/** The warning when the hook ran but left LocalStack alone (its code is not the known 4.14.0 code). */
export function correctionNotApplied(failedHooks: readonly string[]): string | undefined {
  if (!failedHooks.includes(binaryDownloadsHook)) return undefined;
  return "LocalStack's code is not the known 4.14.0 code, so stackctl left it uncorrected: in lambda mode a download through the API URL comes back as base64 text unless the request sends Accept: application/octet-stream (see the emulator log)";
}
