import type { BucketLocationConstraint } from "@aws-sdk/client-s3";
import type { Buckets } from "../engine/ports.ts";
import { countPages } from "../shared/count-pages.ts";
import { errorName, httpStatus } from "../shared/error-shape.ts";
import type { AwsClients } from "./aws-clients.ts";

const sdk = () => import("@aws-sdk/client-s3");

const missing = (error: unknown) =>
  httpStatus(error) === 404 || errorName(error) === "NotFound" || errorName(error) === "NoSuchBucket";

/** S3 through the SDK (path-style, checksums only when required: see AwsClients.s3). */
export function createBuckets(clients: AwsClients): Buckets {
  return {
    async names(signal) {
      const { ListBucketsCommand } = await sdk();
      const listed = await (await clients.s3()).send(new ListBucketsCommand({}), { abortSignal: signal });
      return (listed.Buckets ?? []).flatMap((bucket) => (bucket.Name === undefined ? [] : [bucket.Name]));
    },
    async inspect(name, signal) {
      const { HeadBucketCommand, GetBucketTaggingCommand } = await sdk();
      const s3 = await clients.s3();
      try {
        await s3.send(new HeadBucketCommand({ Bucket: name }), { abortSignal: signal });
      } catch (error) {
        if (missing(error)) return undefined;
        throw error;
      }
      try {
        const tagging = await s3.send(new GetBucketTaggingCommand({ Bucket: name }), { abortSignal: signal });
        return {
          tags: Object.fromEntries((tagging.TagSet ?? []).map((tag) => [tag.Key ?? "", tag.Value ?? ""])),
        };
      } catch (error) {
        // NoSuchTagSet: the bucket exists without tags.
        if (httpStatus(error) === 404) return { tags: {} };
        throw error;
      }
    },
    async create({ name, region, tags }) {
      const { CreateBucketCommand, PutBucketTaggingCommand } = await sdk();
      const s3 = await clients.s3();
      // us-east-1 rejects an explicit LocationConstraint; every other region needs one.
      const location =
        region === "us-east-1"
          ? {}
          : { CreateBucketConfiguration: { LocationConstraint: region as BucketLocationConstraint } };
      await s3.send(new CreateBucketCommand({ Bucket: name, ...location }));
      await s3.send(
        new PutBucketTaggingCommand({
          Bucket: name,
          Tagging: { TagSet: Object.entries(tags).map(([Key, Value]) => ({ Key, Value })) },
        }),
      );
    },
    async waitExists(name, signal) {
      const { waitUntilBucketExists } = await sdk();
      await waitUntilBucketExists(
        { client: await clients.s3(), maxWaitTime: 60, abortSignal: signal },
        { Bucket: name },
      );
    },
    async remove(name, signal) {
      const { DeleteBucketCommand, DeleteObjectCommand, ListObjectsV2Command, waitUntilBucketNotExists } =
        await sdk();
      const s3 = await clients.s3();
      // One DeleteObject per key: batch DeleteObjects needs a checksum header not every emulator accepts.
      for (;;) {
        const listed = await s3.send(new ListObjectsV2Command({ Bucket: name }), { abortSignal: signal });
        const keys = (listed.Contents ?? []).flatMap((object) =>
          object.Key === undefined ? [] : [object.Key],
        );
        if (keys.length === 0) break;
        for (const key of keys) await s3.send(new DeleteObjectCommand({ Bucket: name, Key: key }));
      }
      await s3.send(new DeleteBucketCommand({ Bucket: name }));
      await waitUntilBucketNotExists({ client: s3, maxWaitTime: 60, abortSignal: signal }, { Bucket: name });
    },
    async count(name, bound) {
      const { ListObjectsV2Command } = await sdk();
      const s3 = await clients.s3();
      try {
        return await countPages<string>(async (token, abortSignal) => {
          const page = await s3.send(new ListObjectsV2Command({ Bucket: name, ContinuationToken: token }), {
            abortSignal,
          });
          const count = page.KeyCount ?? page.Contents?.length ?? 0;
          // Some servers leave IsTruncated out on the last page; a token only counts when it is truncated.
          return { count, next: page.IsTruncated === true ? page.NextContinuationToken : undefined };
        }, bound);
      } catch (error) {
        if (missing(error)) return undefined;
        throw error;
      }
    },
    async headObject(bucket, key, signal) {
      const { HeadObjectCommand } = await sdk();
      try {
        const head = await (await clients.s3()).send(new HeadObjectCommand({ Bucket: bucket, Key: key }), {
          abortSignal: signal,
        });
        return { etag: head.ETag ?? "", metadata: head.Metadata ?? {} };
      } catch (error) {
        if (httpStatus(error) === 404) return undefined;
        throw error;
      }
    },
    async putObject({ bucket, key, body, contentType, metadata }) {
      const { PutObjectCommand } = await sdk();
      const put = await (await clients.s3()).send(
        new PutObjectCommand({
          Bucket: bucket,
          Key: key,
          Body: body,
          ContentType: contentType,
          Metadata: metadata,
        }),
      );
      return { etag: put.ETag ?? "" };
    },
  };
}
