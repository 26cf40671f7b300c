import { z } from "zod";

/**
 * The names and references the config accepts, checked as the service that owns them does, so a
 * value is refused here with its field named rather than by DynamoDB, S3 or Docker halfway through `up`.
 */

// https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html (general purpose buckets)
const bucketReservedPrefixes = ["xn--", "sthree-", "amzn-s3-demo-"];
const bucketReservedSuffixes = ["-s3alias", "--ol-s3", ".mrap", "--x-s3", "--table-s3"];

/** Why S3 would refuse `name` as a bucket name, or undefined when it is a valid one. */
export function bucketNameProblem(name: string): string | undefined {
  if (name.length < 3 || name.length > 63) return "3–63 characters (S3 bucket rules)";
  if (!/^[a-z0-9.-]+$/.test(name)) return "only lowercase a-z, 0-9, '.' and '-' (S3 bucket rules)";
  if (!/^[a-z0-9].*[a-z0-9]$/.test(name))
    return "must begin and end with a letter or digit (S3 bucket rules)";
  if (name.includes("..")) return "must not contain two adjacent periods (S3 bucket rules)";
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(name)) return "must not be formatted as an IP address (S3 bucket rules)";
  const prefix = bucketReservedPrefixes.find((reserved) => name.startsWith(reserved));
  if (prefix !== undefined) return `must not start with the reserved prefix "${prefix}" (S3 bucket rules)`;
  const suffix = bucketReservedSuffixes.find((reserved) => name.endsWith(reserved));
  if (suffix !== undefined) return `must not end with the reserved suffix "${suffix}" (S3 bucket rules)`;
  return undefined;
}

// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/HowItWorks.NamingRulesDataTypes.html
/** Why DynamoDB would refuse `name` as a table name (or it names nothing: only punctuation). */
export function tableNameProblem(name: string): string | undefined {
  if (!/^[A-Za-z0-9_.-]{3,255}$/.test(name)) return "3–255 chars of A-Z, a-z, 0-9, '_', '.', '-'";
  if (!/[A-Za-z0-9]/.test(name)) return "must contain at least one letter or digit";
  return undefined;
}

// The grammar of github.com/distribution/reference (what `docker pull` parses): [host[:port]/]path[:tag][@digest].
const domainComponent = "(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])";
const host = `(?:${domainComponent}(?:\\.${domainComponent})*|\\[[0-9A-Fa-f:.]+\\])`;
const domain = `${host}(?::[0-9]+)?`;
const pathComponent = "[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*";
const tag = "[\\w][\\w.-]{0,127}";
const digest = "[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}";
const imageReference = new RegExp(
  `^(?:${domain}/)?${pathComponent}(?:/${pathComponent})*(?::${tag})?(?:@${digest})?$`,
);
const registryHost = new RegExp(`^${domain}$`);

/** Whether Docker would parse `value` as an image reference (e.g. node:22-slim, host:5000/team/img:tag). */
export function isImageReference(value: string): boolean {
  const name = value.replace(/[:@].*$/, "");
  return value.length <= 512 && name.length <= 255 && imageReference.test(value);
}

/** Whether `value` is a registry address as Docker names one: a host or IP, with an optional port. */
export function isRegistryHost(value: string): boolean {
  const port = /:(\d+)$/.exec(value)?.[1];
  if (port !== undefined && (Number(port) < 1 || Number(port) > 65535)) return false;
  return value.length <= 255 && registryHost.test(value);
}

function withRule(problem: (value: string) => string | undefined) {
  return z.string().superRefine((value, issue) => {
    const message = problem(value);
    if (message !== undefined) issue.addIssue({ code: "custom", message, input: value });
  });
}

export const bucketName = withRule(bucketNameProblem);
export const tableName = withRule(tableNameProblem);
export const imageReferenceSetting = z
  .string()
  .refine(isImageReference, "a Docker image reference such as node:22-slim or registry:5000/team/image:tag");
export const registrySetting = z
  .string()
  .refine(isRegistryHost, "a registry host[:port] such as 127.0.0.1:4566 (no scheme, no path)");

/**
 * A whole number from `min` to `max`: a JSON number in the file, or decimal digits in an environment
 * variable. Nothing else is coerced (true, [8080] and "0x1F90" are refused).
 */
export function wholeNumber(min: number, max: number) {
  const message = `a whole number from ${min} to ${max}`;
  return z.preprocess(
    (value) => (typeof value === "string" && /^[0-9]{1,16}$/.test(value) ? Number(value) : value),
    z.int({ error: message }).min(min, message).max(max, message),
  );
}

/** An http(s) URL with no user or password in it: credentials in a URL would be echoed in errors and logs. */
export function endpointSetting() {
  return z
    .url({ protocol: /^https?$/, error: "an http(s) URL such as http://127.0.0.1:4566" })
    .refine((value) => {
      const url = URL.parse(value);
      return url === null || (url.username === "" && url.password === "");
    }, "must not carry a user or password (user:pass@); emulators need none, and stackctl would echo it in messages");
}
