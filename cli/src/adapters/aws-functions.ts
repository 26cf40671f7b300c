import type { FunctionConfiguration, LambdaClient } from "@aws-sdk/client-lambda";
import type { FunctionInfo, Functions } from "../engine/ports.ts";
import type { AwsClients } from "./aws-clients.ts";
import { isNotFound } from "./aws-not-found.ts";

const sdk = () => import("@aws-sdk/client-lambda");

function info(config: FunctionConfiguration, tags: Record<string, string>, imageUri?: string): FunctionInfo {
  if (config.FunctionName === undefined || config.FunctionArn === undefined)
    throw new Error("Lambda answered a function without a name or ARN");
  return {
    name: config.FunctionName,
    arn: config.FunctionArn,
    packageType: config.PackageType === "Image" ? "Image" : "Zip",
    imageUri,
    codeSha256: config.CodeSha256 ?? "",
    state: config.State ?? "",
    stateReason: config.StateReason,
    lastUpdateStatus: config.LastUpdateStatus,
    env: config.Environment?.Variables ?? {},
    tags,
  };
}

async function getFunction(lambda: LambdaClient, name: string): Promise<FunctionInfo | undefined> {
  const { GetFunctionCommand } = await sdk();
  try {
    const found = await lambda.send(new GetFunctionCommand({ FunctionName: name }));
    if (found.Configuration === undefined) return undefined;
    return info(found.Configuration, found.Tags ?? {}, found.Code?.ImageUri);
  } catch (error) {
    if (isNotFound(error)) return undefined;
    throw error;
  }
}

/** The waiters throw a generic timeout or failure; the function's own StateReason says more. */
async function waited(
  lambda: LambdaClient,
  name: string,
  wait: () => Promise<unknown>,
): Promise<FunctionInfo> {
  try {
    await wait();
  } catch (error) {
    const current = await getFunction(lambda, name).catch(() => undefined);
    const reason = current?.stateReason ?? (error as Error).message;
    throw new Error(`function ${name} is ${current?.state ?? "unknown"}: ${reason}`, { cause: error });
  }
  const current = await getFunction(lambda, name);
  if (current === undefined) throw new Error(`function ${name} disappeared while it was starting`);
  return current;
}

/** Lambda through the SDK: the calls a blue/green function deploy needs. */
export function createFunctions(clients: AwsClients): Functions {
  const client = () => clients.lambda();
  return {
    async get(name) {
      return getFunction(await client(), name);
    },
    async list(prefix) {
      const { ListFunctionsCommand } = await sdk();
      const lambda = await client();
      const names: string[] = [];
      let marker: string | undefined;
      do {
        const page = await lambda.send(new ListFunctionsCommand({ Marker: marker, MaxItems: 50 }));
        for (const fn of page.Functions ?? [])
          if (fn.FunctionName?.startsWith(prefix) === true) names.push(fn.FunctionName);
        marker = page.NextMarker;
      } while (marker !== undefined && marker !== "");
      const found = await Promise.all(names.map((name) => getFunction(lambda, name)));
      return found.filter((fn): fn is FunctionInfo => fn !== undefined);
    },
    async create(spec) {
      const { CreateFunctionCommand } = await sdk();
      const lambda = await client();
      const code =
        spec.code.packageType === "Image"
          ? { PackageType: "Image" as const, Code: { ImageUri: spec.code.imageUri } }
          : {
              PackageType: "Zip" as const,
              Code: { ZipFile: spec.code.zip },
              Runtime: spec.runtime as "nodejs22.x",
              Handler: spec.handler,
            };
      const created = await lambda.send(
        new CreateFunctionCommand({
          FunctionName: spec.name,
          Role: spec.roleArn,
          MemorySize: spec.memoryMb,
          Timeout: spec.timeoutS,
          Architectures: [spec.architecture],
          Environment: { Variables: spec.env },
          Tags: spec.tags,
          Description: spec.description,
          ...code,
        }),
      );
      return info(created, spec.tags, spec.code.packageType === "Image" ? spec.code.imageUri : undefined);
    },
    async waitActive(name, timeoutS) {
      const { waitUntilFunctionActiveV2 } = await sdk();
      const lambda = await client();
      return waited(lambda, name, () =>
        waitUntilFunctionActiveV2(
          { client: lambda, maxWaitTime: timeoutS, minDelay: 1, maxDelay: 2 },
          { FunctionName: name },
        ),
      );
    },
    async waitUpdated(name, timeoutS) {
      const { waitUntilFunctionUpdatedV2 } = await sdk();
      const lambda = await client();
      return waited(lambda, name, () =>
        waitUntilFunctionUpdatedV2(
          { client: lambda, maxWaitTime: timeoutS, minDelay: 1, maxDelay: 2 },
          { FunctionName: name },
        ),
      );
    },
    async remove(name) {
      const { DeleteFunctionCommand } = await sdk();
      try {
        await (await client()).send(new DeleteFunctionCommand({ FunctionName: name }));
      } catch (error) {
        if (!isNotFound(error)) throw error;
      }
    },
    async permissions(name) {
      const { GetPolicyCommand } = await sdk();
      try {
        const answer = await (await client()).send(new GetPolicyCommand({ FunctionName: name }));
        const policy = JSON.parse(answer.Policy ?? "{}") as {
          Statement?: { Sid?: string; Condition?: { ArnLike?: Record<string, string> } }[];
        };
        return (policy.Statement ?? []).map((statement) => ({
          sid: statement.Sid ?? "",
          sourceArn: statement.Condition?.ArnLike?.["AWS:SourceArn"],
        }));
      } catch (error) {
        if (isNotFound(error)) return [];
        throw error;
      }
    },
    async addPermission(name, permission) {
      const { AddPermissionCommand } = await sdk();
      await (await client()).send(
        new AddPermissionCommand({
          FunctionName: name,
          StatementId: permission.sid,
          Action: permission.action,
          Principal: permission.principal,
          SourceArn: permission.sourceArn,
        }),
      );
    },
    async removePermission(name, sid) {
      const { RemovePermissionCommand } = await sdk();
      try {
        await (await client()).send(new RemovePermissionCommand({ FunctionName: name, StatementId: sid }));
      } catch (error) {
        if (!isNotFound(error)) throw error;
      }
    },
    async invoke(name, payload) {
      const { InvokeCommand } = await sdk();
      const answer = await (await client()).send(
        new InvokeCommand({ FunctionName: name, Payload: Buffer.from(payload), LogType: "Tail" }),
      );
      return {
        statusCode: answer.StatusCode ?? 0,
        functionError: answer.FunctionError,
        payload: answer.Payload === undefined ? "" : Buffer.from(answer.Payload).toString("utf8"),
        logTail:
          answer.LogResult === undefined
            ? undefined
            : Buffer.from(answer.LogResult, "base64").toString("utf8"),
      };
    },
  };
}
