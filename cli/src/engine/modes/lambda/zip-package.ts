import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { StackctlError } from "../../../errors.ts";
import type { ServiceBundle } from "../../image/bundle.ts";

/** Lambda's limit for a zip sent in the request (CreateFunction ZipFile). */
export const zipUploadLimitBytes = 50 * 1024 * 1024;
export const zipRuntime = "nodejs22.x";
export const zipHandler = "lambda.handler";

export interface ZipPackage {
  zip: Uint8Array;
  /** What Lambda reports as CodeSha256 for this zip: base64 of its sha256. */
  codeSha256: string;
  contentHash: string;
  bytes: number;
}

// The same files Dockerfile.lambda copies into the image's task root.
const files = ["lambda.js", "lambda.js.map", "package.json"];
// A fixed time stamp, so the same bundle always zips to the same bytes (and the same CodeSha256).
const fixedTime = new Date("2020-01-01T00:00:00Z");

/** The esbuild bundle zipped for a `nodejs22.x` function whose handler is `lambda.handler`. */
export async function zipBundle(
  bundle: ServiceBundle,
  limitBytes = zipUploadLimitBytes,
  /** Deflate level: 6 for `up`; a `stackctl dev` reload takes 1 (a few % bigger, seconds faster on this bundle). */
  level: 1 | 6 = 6,
): Promise<ZipPackage> {
  const { zipSync } = await import("fflate");
  const entries: Record<string, [Uint8Array, { mtime: Date }]> = {};
  for (const file of files)
    entries[file] = [await readFile(path.join(bundle.dir, "dist", file)), { mtime: fixedTime }];
  const zip = zipSync(entries, { level });
  if (zip.byteLength > limitBytes)
    throw new StackctlError("LAMBDA_ZIP_TOO_LARGE", { size: zip.byteLength, limit: limitBytes });
  const digest = createHash("sha256").update(zip).digest();
  return {
    zip,
    codeSha256: digest.toString("base64"),
    contentHash: digest.toString("hex").slice(0, 12),
    bytes: zip.byteLength,
  };
}
