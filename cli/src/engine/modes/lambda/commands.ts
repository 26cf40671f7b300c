import path from "node:path";
import type { ServiceBundle } from "../../image/bundle.ts";
import type { FunctionSpec } from "../../ports.ts";
import { shellLine, shellRef } from "../../shell-quote.ts";
import { stackTagKey } from "../../stack-labels.ts";
import { apiSourceArn, permissionSid } from "./invoke-permission.ts";
import { warmUpEvent } from "./warm-up.ts";

/** Where the explained zip is written: the stack's bundle folder. */
export function zipPath(bundleDir: string): string {
  return path.join(bundleDir, "function.zip");
}

/** The zip step: the bundle's Lambda entry zipped (`zip -X`: no extra attributes). */
export function zipCommands(bundleDir: string): string[] {
  return [
    `(${shellLine("cd", path.join(bundleDir, "dist"))} && ${shellLine("zip", "-qX", zipPath(bundleDir), "lambda.js", "lambda.js.map", "package.json")})`,
  ];
}

export function roleCommands(
  cli: string[],
  input: { name: string; stack: string; assumeRolePolicy: string },
): string[] {
  return [
    shellLine(
      ...cli,
      "iam",
      "create-role",
      "--role-name",
      input.name,
      "--assume-role-policy-document",
      input.assumeRolePolicy,
      "--tags",
      `Key=${stackTagKey},Value=${input.stack}`,
      "--query",
      "Role.Arn",
      "--output",
      "text",
    ),
  ];
}

/** create-function with its code, env, memory, timeout and architecture, then the wait for Active. */
export function functionCommands(
  cli: string[],
  spec: FunctionSpec,
  bundle: Pick<ServiceBundle, "dir">,
): string[] {
  const code =
    spec.code.packageType === "Image"
      ? ["--package-type", "Image", "--code", `ImageUri=${spec.code.imageUri}`]
      : [
          "--runtime",
          spec.runtime ?? "",
          "--handler",
          spec.handler ?? "",
          "--zip-file",
          `fileb://${zipPath(bundle.dir)}`,
        ];
  return [
    shellLine(
      ...cli,
      "lambda",
      "create-function",
      "--function-name",
      spec.name,
      ...code,
      "--role",
      spec.roleArn,
      "--memory-size",
      String(spec.memoryMb),
      "--timeout",
      String(spec.timeoutS),
      "--architectures",
      spec.architecture,
      "--environment",
      JSON.stringify({ Variables: spec.env }),
      "--tags",
      JSON.stringify(spec.tags),
      "--description",
      spec.description,
    ),
    shellLine(...cli, "lambda", "wait", "function-active-v2", "--function-name", spec.name),
  ];
}

/** The warm-up: one direct invoke with an API Gateway event for `GET /inventory?limit=1`. */
export function warmUpCommands(cli: string[], name: string): string[] {
  return [
    shellLine(
      ...cli,
      "lambda",
      "invoke",
      "--function-name",
      name,
      "--cli-binary-format",
      "raw-in-base64-out",
      "--payload",
      warmUpEvent(),
      "/tmp/stackctl-warm-up.json",
    ),
  ];
}

/** Lets the stack's API invoke the function; `"$API_ID"` is the API the explained lines made. */
export function permissionCommands(
  cli: string[],
  fn: { name: string; arn: string },
  region: string,
): string[] {
  const sourceArn = apiSourceArn(region, fn.arn, "API_ID_").replace("API_ID_", shellRef("API_ID"));
  return [
    `${shellLine(...cli, "lambda", "add-permission", "--function-name", fn.name, "--statement-id", permissionSid, "--action", "lambda:InvokeFunction", "--principal", "apigateway.amazonaws.com", "--source-arn")} "${sourceArn}"`,
  ];
}

/** How a function goes (`removers.ts` deleteFunction): its permission, then the function. */
export function deleteFunctionCommands(cli: string[], name: string): string[] {
  return [
    `${shellLine(...cli, "lambda", "remove-permission", "--function-name", name, "--statement-id", permissionSid)} || true`,
    shellLine(...cli, "lambda", "delete-function", "--function-name", name),
  ];
}

/** The registry step: the repository, a login with the emulator's token, the tag and the push. */
export function pushCommands(
  cli: string[],
  input: { repository: string; stack: string; host: string; localTag: string; imageUri: string },
): string[] {
  return [
    shellLine(
      ...cli,
      "ecr",
      "create-repository",
      "--repository-name",
      input.repository,
      "--tags",
      `Key=${stackTagKey},Value=${input.stack}`,
    ),
    `${shellLine(...cli, "ecr", "get-login-password")} | ${shellLine("docker", "login", "--username", "AWS", "--password-stdin", input.host)}`,
    shellLine("docker", "tag", input.localTag, input.imageUri),
    shellLine("docker", "push", input.imageUri),
  ];
}

export function deleteRoleCommands(cli: string[], name: string): string[] {
  return [shellLine(...cli, "iam", "delete-role", "--role-name", name)];
}

export function deleteRepositoryCommands(cli: string[], repository: string): string[] {
  return [shellLine(...cli, "ecr", "delete-repository", "--repository-name", repository, "--force")];
}

export function deleteImagesCommands(cli: string[], repository: string, tags: string[]): string[] {
  return [
    shellLine(
      ...cli,
      "ecr",
      "batch-delete-image",
      "--repository-name",
      repository,
      "--image-ids",
      ...tags.map((tag) => `imageTag=${tag}`),
    ),
  ];
}

export function deleteLogGroupCommands(cli: string[], group: string): string[] {
  return [shellLine(...cli, "logs", "delete-log-group", "--log-group-name", group)];
}
