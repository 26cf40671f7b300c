import { taggedRemover } from "../../down/tagged-remover.ts";
import type { Functions } from "../../ports.ts";
import { awsCli } from "../../provision/resource.ts";
import { deleteFunctionCommands, deleteRepositoryCommands, deleteRoleCommands } from "./commands.ts";
import { permissionSid } from "./invoke-permission.ts";

/**
 * How a function goes, the one way `down` (recorded or swept), and a switch or a new deploy
 * retiring old functions remove it: its invoke permission first, then the function.
 */
export async function deleteFunction(functions: Functions, name: string): Promise<void> {
  await functions.removePermission(name, permissionSid);
  await functions.remove(name);
}

/** A function with its invoke permission (its containers go with it; its log group with `down`'s sweep). */
export const functionRemover = taggedRemover({
  holdsData: false,
  find: async (resource, { aws }) => (await aws.ports.functions.get(resource.name))?.tags,
  remove: (resource, { aws }) => deleteFunction(aws.ports.functions, resource.name),
  explain: (resource, { ctx, aws }) =>
    deleteFunctionCommands(awsCli(aws.endpoint, ctx.config.region), resource.name),
});

export const roleRemover = taggedRemover({
  holdsData: false,
  find: async (resource, { aws }) => (await aws.ports.roles.get(resource.name))?.tags,
  remove: (resource, { aws }) => aws.ports.roles.remove(resource.name),
  explain: (resource, { ctx, aws }) =>
    deleteRoleCommands(awsCli(aws.endpoint, ctx.config.region), resource.name),
});

/**
 * The ECR repository: kept like data, so only `down --purge` removes it (the images stackctl pushed
 * into it go with every `down`, through the lambda teardown).
 */
export const repositoryRemover = taggedRemover({
  holdsData: true,
  find: async (resource, { aws }) => (await aws.ports.registry.findRepository(resource.name))?.tags,
  remove: (resource, { aws }) => aws.ports.registry.removeRepository(resource.name),
  explain: (resource, { ctx, aws }) =>
    deleteRepositoryCommands(awsCli(aws.endpoint, ctx.config.region), resource.name),
});
