import type { BucketLocationConstraint } from "@aws-sdk/client-s3";
import type { AwsClients } from "../../adapters/aws-clients.ts";
import { shellLine } from "../shell-quote.ts";
import {
  awsCli,
  errorName,
  httpStatus,
  type Inspection,
  type ProvisionTarget,
  stackTagKey,
} from "./resource.ts";

export interface BucketSpec {
  name: string;
  stack: string;
  endpoint: string;
  region: string;
}

/** The files bucket, tagged with the stack. */
export function bucketTarget(clients: AwsClients, spec: BucketSpec): ProvisionTarget {
  const cli = awsCli(spec.endpoint, spec.region);
  const bucket = ["--bucket", spec.name];
  return {
    kind: "bucket",
    name: spec.name,
    async inspect(signal): Promise<Inspection> {
      const { HeadBucketCommand, GetBucketTaggingCommand } = await import("@aws-sdk/client-s3");
      const s3 = await clients.s3();
      try {
        await s3.send(new HeadBucketCommand({ Bucket: spec.name }), { abortSignal: signal });
      } catch (error) {
        if (httpStatus(error) === 404 || errorName(error) === "NotFound") return { exists: false };
        throw error;
      }
      try {
        const tagging = await s3.send(new GetBucketTaggingCommand({ Bucket: spec.name }), {
          abortSignal: signal,
        });
        const stackTag = tagging.TagSet?.find((tag) => tag.Key === stackTagKey)?.Value;
        return { exists: true, ...(stackTag === undefined ? {} : { stackTag }) };
      } catch (error) {
        // NoSuchTagSet: the bucket exists without tags, so it is not ours.
        if (httpStatus(error) === 404) return { exists: true };
        throw error;
      }
    },
    async create() {
      const { CreateBucketCommand, PutBucketTaggingCommand } = await import("@aws-sdk/client-s3");
      const s3 = await clients.s3();
      // us-east-1 rejects an explicit LocationConstraint; every other region needs one.
      const location =
        spec.region === "us-east-1"
          ? {}
          : { CreateBucketConfiguration: { LocationConstraint: spec.region as BucketLocationConstraint } };
      await s3.send(new CreateBucketCommand({ Bucket: spec.name, ...location }));
      await s3.send(
        new PutBucketTaggingCommand({
          Bucket: spec.name,
          Tagging: { TagSet: [{ Key: stackTagKey, Value: spec.stack }] },
        }),
      );
      return { arn: `arn:aws:s3:::${spec.name}` };
    },
    async waitUntilReady(signal) {
      const { waitUntilBucketExists } = await import("@aws-sdk/client-s3");
      await waitUntilBucketExists(
        { client: await clients.s3(), maxWaitTime: 60, abortSignal: signal },
        { Bucket: spec.name },
      );
    },
    async remove(signal) {
      const { DeleteBucketCommand, DeleteObjectCommand, ListObjectsV2Command, waitUntilBucketNotExists } =
        await import("@aws-sdk/client-s3");
      const s3 = await clients.s3();
      // One DeleteObject per key: batch DeleteObjects needs a checksum header not every emulator accepts.
      for (;;) {
        const listed = await s3.send(new ListObjectsV2Command({ Bucket: spec.name }), {
          abortSignal: signal,
        });
        const keys = (listed.Contents ?? []).flatMap((object) =>
          object.Key === undefined ? [] : [object.Key],
        );
        if (keys.length === 0) break;
        for (const key of keys) await s3.send(new DeleteObjectCommand({ Bucket: spec.name, Key: key }));
      }
      await s3.send(new DeleteBucketCommand({ Bucket: spec.name }));
      await waitUntilBucketNotExists(
        { client: s3, maxWaitTime: 60, abortSignal: signal },
        { Bucket: spec.name },
      );
    },
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
