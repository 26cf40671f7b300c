import type { AttributeValue } from "@aws-sdk/client-dynamodb";
import type { AwsClients } from "../../adapters/aws-clients.ts";
import { type Count, type CountBound, countPages } from "./count-pages.ts";

/** Items in a table: every page of a COUNT scan, within the bound. */
export async function tableCount(clients: AwsClients, name: string, bound: CountBound): Promise<Count> {
  const { ScanCommand } = await import("@aws-sdk/client-dynamodb");
  const dynamo = await clients.dynamo();
  return countPages<Record<string, AttributeValue>>(async (start, abortSignal) => {
    const page = await dynamo.send(
      new ScanCommand({ TableName: name, Select: "COUNT", ExclusiveStartKey: start }),
      { abortSignal },
    );
    return { count: page.Count ?? 0, next: page.LastEvaluatedKey };
  }, bound);
}

/** Objects in a bucket: every page of ListObjectsV2 (1,000 keys each), within the bound. */
export async function bucketCount(clients: AwsClients, name: string, bound: CountBound): Promise<Count> {
  const { ListObjectsV2Command } = await import("@aws-sdk/client-s3");
  const s3 = await clients.s3();
  return countPages<string>(async (token, abortSignal) => {
    const page = await s3.send(new ListObjectsV2Command({ Bucket: name, ContinuationToken: token }), {
      abortSignal,
    });
    const count = page.KeyCount ?? page.Contents?.length ?? 0;
    // Some servers leave IsTruncated out on the last page; a token only counts when it is truncated.
    return { count, next: page.IsTruncated === true ? page.NextContinuationToken : undefined };
  }, bound);
}
