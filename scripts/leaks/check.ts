/**
 * The CI leak sweep (docs/testing.md): after `npm test`, nothing a test made may be left. Lists, on
 * the Docker engine, containers, images and networks carrying stackctl's stack label or the test
 * label, and on every harness emulator (`.test-env.<profile>`), tables, buckets, functions, REST
 * APIs and ECR repositories. The harness's emulators start empty, so anything there is a leak.
 * Prints one line per leak and exits 1 when there is one; exits 0 with "no leaks" otherwise.
 * Usage: npx tsx scripts/leaks/check.ts   (run by .ci/run while the test environment is still up)
 */
import { APIGatewayClient, GetRestApisCommand } from "@aws-sdk/client-api-gateway";
import { DynamoDBClient, ListTablesCommand } from "@aws-sdk/client-dynamodb";
import { DescribeRepositoriesCommand, ECRClient } from "@aws-sdk/client-ecr";
import { LambdaClient, ListFunctionsCommand } from "@aws-sdk/client-lambda";
import { ListBucketsCommand, S3Client } from "@aws-sdk/client-s3";
import Docker from "dockerode";
import { parseTestEnvFile, testEnvFileFor } from "../../test/support/test-env.ts";
import { TEST_LABEL } from "../../test/support/test-labels.ts";

const stackLabel = "dev.stackctl.stack";

async function dockerLeaks(): Promise<string[]> {
  const docker = new Docker();
  const leaks: string[] = [];
  for (const label of [stackLabel, TEST_LABEL]) {
    const filters = { label: [label] };
    for (const info of await docker.listContainers({ all: true, filters }))
      leaks.push(`docker container ${info.Names[0] ?? info.Id} (${label}=${info.Labels[label]})`);
    for (const info of await docker.listImages({ filters }))
      leaks.push(`docker image ${info.RepoTags?.[0] ?? info.Id} (${label}=${info.Labels?.[label]})`);
    for (const info of await docker.listNetworks({ filters }))
      leaks.push(`docker network ${info.Name} (${label}=${info.Labels?.[label]})`);
  }
  return leaks;
}

async function emulatorLeaks(profile: string, endpoint: string): Promise<string[]> {
  const config = {
    endpoint,
    region: "us-east-1",
    forcePathStyle: true,
    credentials: { accessKeyId: "test", secretAccessKey: "test" },
  };
  const where = `${profile} (${endpoint})`;
  const tables = new DynamoDBClient(config).send(new ListTablesCommand({}));
  const buckets = new S3Client(config).send(new ListBucketsCommand({}));
  const functions = new LambdaClient(config).send(new ListFunctionsCommand({}));
  const apis = new APIGatewayClient(config).send(new GetRestApisCommand({ limit: 500 }));
  // LocalStack community serves no ECR: a refusal there means "nothing to leak", not a failure.
  const repositories = new ECRClient(config)
    .send(new DescribeRepositoriesCommand({}))
    .then((answer) => answer.repositories ?? [])
    .catch(() => []);
  return [
    ...((await tables).TableNames ?? []).map((name) => `${where}: table ${name}`),
    ...((await buckets).Buckets ?? []).map((bucket) => `${where}: bucket ${bucket.Name}`),
    ...((await functions).Functions ?? []).map((fn) => `${where}: function ${fn.FunctionName}`),
    ...((await apis).items ?? []).map((api) => `${where}: REST API ${api.id} (${api.name})`),
    ...(await repositories).map((repo) => `${where}: ECR repository ${repo.repositoryName}`),
  ];
}

const profiles = (parseTestEnvFile(testEnvFileFor("")).STACKCTL_TEST_EMULATORS ?? "")
  .split(",")
  .filter((name) => name !== "");
const leaks = [
  ...(await dockerLeaks()),
  ...(
    await Promise.all(
      profiles.map((profile) => {
        const endpoint = parseTestEnvFile(testEnvFileFor(profile)).STACKCTL_ENDPOINT;
        if (endpoint === undefined) return [`${profile}: no STACKCTL_ENDPOINT in .test-env.${profile}`];
        return emulatorLeaks(profile, endpoint);
      }),
    )
  ).flat(),
];
if (leaks.length === 0) {
  console.log(
    `[leaks] no leaks: Docker and ${profiles.join(", ") || "no emulator"} hold nothing a test made`,
  );
} else {
  console.error(`[leaks] ${leaks.length} thing(s) left behind by the tests:`);
  for (const leak of leaks) console.error(`  ${leak}`);
  process.exitCode = 1;
}
