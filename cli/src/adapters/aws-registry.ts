import type { ECRClient, Repository } from "@aws-sdk/client-ecr";
import type { Registry, RegistryRepository } from "../engine/ports.ts";
import type { AwsClients } from "./aws-clients.ts";
import { isNotFound } from "./aws-not-found.ts";

const sdk = () => import("@aws-sdk/client-ecr");

async function withTags(ecr: ECRClient, repository: Repository): Promise<RegistryRepository> {
  const { ListTagsForResourceCommand } = await sdk();
  const name = repository.repositoryName ?? "";
  let tags: Record<string, string> = {};
  if (repository.repositoryArn !== undefined) {
    const listed = await ecr
      .send(new ListTagsForResourceCommand({ resourceArn: repository.repositoryArn }))
      .catch(() => ({ tags: [] }));
    tags = Object.fromEntries((listed.tags ?? []).map((tag) => [tag.Key ?? "", tag.Value ?? ""]));
  }
  return { name, uri: repository.repositoryUri ?? "", tags };
}

/** ECR through the SDK: the repository, its credentials and the tags it holds. */
export function createRegistry(clients: AwsClients): Registry {
  const registry: Registry = {
    async probe() {
      const { DescribeRepositoriesCommand } = await sdk();
      await (await clients.ecr()).send(new DescribeRepositoriesCommand({ maxResults: 1 }));
    },
    async findRepository(name) {
      const { DescribeRepositoriesCommand } = await sdk();
      const ecr = await clients.ecr();
      try {
        const found = await ecr.send(new DescribeRepositoriesCommand({ repositoryNames: [name] }));
        const repository = found.repositories?.[0];
        return repository === undefined ? undefined : await withTags(ecr, repository);
      } catch (error) {
        if (isNotFound(error)) return undefined;
        throw error;
      }
    },
    async ensureRepository(name, tags) {
      const existing = await registry.findRepository(name);
      if (existing !== undefined) return { ...existing, created: false };
      const { CreateRepositoryCommand } = await sdk();
      const ecr = await clients.ecr();
      const created = await ecr.send(
        new CreateRepositoryCommand({
          repositoryName: name,
          tags: Object.entries(tags).map(([Key, Value]) => ({ Key, Value })),
        }),
      );
      if (created.repository === undefined)
        throw new Error(`CreateRepository ${name} answered no repository`);
      return { name, uri: created.repository.repositoryUri ?? "", tags, created: true };
    },
    async authorization() {
      const { GetAuthorizationTokenCommand } = await sdk();
      const answer = await (await clients.ecr()).send(new GetAuthorizationTokenCommand({}));
      const token = answer.authorizationData?.[0]?.authorizationToken;
      if (token === undefined) throw new Error("GetAuthorizationToken answered no token");
      const [username = "", ...rest] = Buffer.from(token, "base64").toString("utf8").split(":");
      return { username, password: rest.join(":") };
    },
    async images(repository) {
      const { ListImagesCommand } = await sdk();
      const ecr = await clients.ecr();
      const tags: { tag: string; digest: string }[] = [];
      let nextToken: string | undefined;
      try {
        do {
          const page = await ecr.send(new ListImagesCommand({ repositoryName: repository, nextToken }));
          for (const id of page.imageIds ?? [])
            if (id.imageTag !== undefined) tags.push({ tag: id.imageTag, digest: id.imageDigest ?? "" });
          nextToken = page.nextToken;
        } while (nextToken !== undefined && nextToken !== "");
      } catch (error) {
        if (isNotFound(error)) return [];
        throw error;
      }
      return tags;
    },
    async removeImages(repository, tags) {
      if (tags.length === 0) return;
      const { BatchDeleteImageCommand } = await sdk();
      try {
        await (await clients.ecr()).send(
          new BatchDeleteImageCommand({
            repositoryName: repository,
            imageIds: tags.map((imageTag) => ({ imageTag })),
          }),
        );
      } catch (error) {
        if (!isNotFound(error)) throw error;
      }
    },
    async removeRepository(name) {
      const { DeleteRepositoryCommand } = await sdk();
      try {
        await (await clients.ecr()).send(new DeleteRepositoryCommand({ repositoryName: name, force: true }));
      } catch (error) {
        if (!isNotFound(error)) throw error;
      }
    },
  };
  return registry;
}
