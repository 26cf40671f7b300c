import type { Role } from "@aws-sdk/client-iam";
import type { RoleInfo, Roles } from "../engine/ports.ts";
import type { AwsClients } from "./aws-clients.ts";
import { isNotFound } from "./aws-not-found.ts";

const sdk = () => import("@aws-sdk/client-iam");

function info(role: Role): RoleInfo {
  return {
    name: role.RoleName ?? "",
    arn: role.Arn ?? "",
    tags: Object.fromEntries((role.Tags ?? []).map((tag) => [tag.Key ?? "", tag.Value ?? ""])),
  };
}

/** IAM roles through the SDK: the function's execution role. */
export function createRoles(clients: AwsClients): Roles {
  return {
    async get(name) {
      const { GetRoleCommand } = await sdk();
      try {
        const answer = await (await clients.iam()).send(new GetRoleCommand({ RoleName: name }));
        return answer.Role === undefined ? undefined : info(answer.Role);
      } catch (error) {
        if (isNotFound(error)) return undefined;
        throw error;
      }
    },
    async create(input) {
      const { CreateRoleCommand } = await sdk();
      const answer = await (await clients.iam()).send(
        new CreateRoleCommand({
          RoleName: input.name,
          AssumeRolePolicyDocument: input.assumeRolePolicy,
          Description: input.description,
          Tags: Object.entries(input.tags).map(([Key, Value]) => ({ Key, Value })),
        }),
      );
      if (answer.Role === undefined) throw new Error(`CreateRole ${input.name} answered no role`);
      return info(answer.Role);
    },
    async remove(name) {
      const { DeleteRoleCommand } = await sdk();
      try {
        await (await clients.iam()).send(new DeleteRoleCommand({ RoleName: name }));
      } catch (error) {
        if (!isNotFound(error)) throw error;
      }
    },
  };
}
