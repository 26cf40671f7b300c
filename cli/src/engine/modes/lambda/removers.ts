import { taggedRemover } from "../../down/tagged-remover.ts";
import { permissionSid } from "./invoke-permission.ts";

/** A function with its invoke permission (its containers go with it; its log group with `down`'s sweep). */
export const functionRemover = taggedRemover({
  holdsData: false,
  find: async (resource, { aws }) => (await aws.ports.functions.get(resource.name))?.tags,
  async remove(resource, { aws }) {
    await aws.ports.functions.removePermission(resource.name, permissionSid);
    await aws.ports.functions.remove(resource.name);
  },
});

export const roleRemover = taggedRemover({
  holdsData: false,
  find: async (resource, { aws }) => (await aws.ports.roles.get(resource.name))?.tags,
  remove: (resource, { aws }) => aws.ports.roles.remove(resource.name),
});

/**
 * The ECR repository: kept like data, so only `down --purge` removes it (the images stackctl pushed
 * into it go with every `down`, through the lambda teardown).
 */
export const repositoryRemover = taggedRemover({
  holdsData: true,
  find: async (resource, { aws }) => (await aws.ports.registry.findRepository(resource.name))?.tags,
  remove: (resource, { aws }) => aws.ports.registry.removeRepository(resource.name),
});
