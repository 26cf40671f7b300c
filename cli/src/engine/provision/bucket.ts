import type { Buckets } from "../ports.ts";
import { shellLine } from "../shell-quote.ts";
import { awsCli, type Inspection, type ProvisionTarget, type ResourceSpec, stackTagKey } from "./resource.ts";

/** The files bucket, tagged with the stack. */
export function bucketTarget(buckets: Buckets, spec: ResourceSpec): ProvisionTarget {
  const cli = awsCli(spec.endpoint, spec.region);
  const bucket = ["--bucket", spec.name];
  return {
    kind: "bucket",
    name: spec.name,
    async inspect(signal): Promise<Inspection> {
      const found = await buckets.inspect(spec.name, signal);
      if (found === undefined) return { exists: false };
      // A bucket without the tag (or without tags) is not ours.
      const stackTag = found.tags[stackTagKey];
      return { exists: true, ...(stackTag === undefined ? {} : { stackTag }) };
    },
    async create() {
      await buckets.create({ name: spec.name, region: spec.region, tags: { [stackTagKey]: spec.stack } });
      return { arn: `arn:aws:s3:::${spec.name}` };
    },
    waitUntilReady: (signal) => buckets.waitExists(spec.name, signal),
    remove: (signal) => buckets.remove(spec.name, signal),
    createCommands: () => [
      shellLine(
        ...cli,
        "s3api",
        "create-bucket",
        ...bucket,
        ...(spec.region === "us-east-1"
          ? []
          : ["--create-bucket-configuration", `LocationConstraint=${spec.region}`]),
      ),
      shellLine(
        ...cli,
        "s3api",
        "put-bucket-tagging",
        ...bucket,
        "--tagging",
        `TagSet=[{Key=${stackTagKey},Value=${spec.stack}}]`,
      ),
      shellLine(...cli, "s3api", "wait", "bucket-exists", ...bucket),
    ],
    removeCommands: () => [shellLine(...cli, "s3", "rb", `s3://${spec.name}`, "--force")],
  };
}
