import type { ECRClient } from "@aws-sdk/client-ecr";
import { CreateRepositoryCommand, GetAuthorizationTokenCommand } from "@aws-sdk/client-ecr";
import type Docker from "dockerode";
import { pushImage } from "./docker-images.ts";
import { registryFor } from "./emulator-profile.ts";

/** Creates an ECR repository on the emulator and pushes `source` to it; returns the pushed image URI. */
export async function pushToEmulatorEcr(
  docker: Docker,
  ecr: ECRClient,
  options: { source: string; repositoryName: string; tag: string; endpoint: string },
): Promise<string> {
  const created = await ecr.send(new CreateRepositoryCommand({ repositoryName: options.repositoryName }));
  const repositoryUri = created.repository?.repositoryUri;
  if (!repositoryUri) throw new Error(`CreateRepository ${options.repositoryName} returned no repositoryUri`);
  const registry = registryFor(repositoryUri, options.endpoint);
  const token = (await ecr.send(new GetAuthorizationTokenCommand({}))).authorizationData?.[0]
    ?.authorizationToken;
  if (!token) throw new Error("GetAuthorizationToken returned no token");
  const [username = "", password = ""] = Buffer.from(token, "base64").toString("utf8").split(":");
  const imageUri = `${registry}/${options.repositoryName}:${options.tag}`;
  await pushImage(docker, options.source, imageUri, { username, password, serveraddress: registry });
  return imageUri;
}
