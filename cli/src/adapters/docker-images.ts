import type Docker from "dockerode";
import { BuildFailure, type ContainerImages, type ImageInfo } from "../engine/ports.ts";
import { type DockerClient, labelFilters, unlessAbsent } from "./docker-client.ts";

interface ProgressLine {
  stream?: string;
  status?: string;
  progress?: string;
  id?: string;
  error?: string;
  errorDetail?: { message?: string };
  aux?: { ID?: string; Digest?: string };
}

/** Follows a build or push stream line by line; resolves with every line, rejects on the first error line. */
function follow(
  docker: Docker,
  stream: NodeJS.ReadableStream,
  onLine: (line: ProgressLine) => void,
): Promise<ProgressLine[]> {
  return new Promise((resolve, reject) => {
    docker.modem.followProgress(
      stream,
      (error: Error | null, lines: ProgressLine[]) => (error ? reject(error) : resolve(lines)),
      onLine,
    );
  });
}

const failed = (line: ProgressLine) => line.error !== undefined || line.errorDetail !== undefined;

const statusText = (line: ProgressLine) => `${line.id === undefined ? "" : `${line.id}: `}${line.status}`;

function toImageInfo(inspect: Docker.ImageInspectInfo): ImageInfo {
  return {
    id: inspect.Id,
    architecture: inspect.Architecture,
    labels: inspect.Config?.Labels ?? {},
    tags: inspect.RepoTags ?? [],
  };
}

export function dockerImages(client: DockerClient): ContainerImages {
  const inspectImage = async (ref: string) =>
    unlessAbsent(async () => toImageInfo(await (await client()).getImage(ref).inspect()));
  return {
    inspectImage,
    async buildImage(build, onLine) {
      const docker = await client();
      const stream = await docker.buildImage(build.context, {
        t: build.tag,
        dockerfile: build.dockerfile,
        labels: build.labels,
        buildargs: build.buildArgs,
        rm: true,
        forcerm: true,
      });
      const tail: string[] = [];
      let step: string | undefined;
      let failure: string | undefined;
      await follow(docker, stream, (line) => {
        if (failed(line)) {
          failure = line.errorDetail?.message ?? line.error ?? "build failed";
          return;
        }
        for (const text of (line.stream ?? "").split("\n")) {
          const trimmed = text.trimEnd();
          if (trimmed === "") continue;
          if (/^Step \d+\/\d+ : /.test(trimmed)) step = trimmed;
          tail.push(trimmed);
          if (tail.length > 40) tail.shift();
          onLine(trimmed);
        }
      });
      if (failure !== undefined) throw new BuildFailure(failure, step, tail);
      const built = await inspectImage(build.tag);
      if (built === undefined)
        throw new BuildFailure(`the build ended without an image ${build.tag}`, step, tail);
      return built;
    },
    async pullImage(ref, onLine) {
      const docker = await client();
      const stream = (await docker.pull(ref)) as NodeJS.ReadableStream;
      let failure: string | undefined;
      await follow(docker, stream, (line) => {
        if (failed(line)) failure = line.errorDetail?.message ?? line.error;
        else if (line.status !== undefined) onLine(statusText(line));
      });
      if (failure !== undefined) throw new Error(failure);
    },
    async tagImage(source, target) {
      const colon = target.lastIndexOf(":");
      await (await client())
        .getImage(source)
        .tag({ repo: target.slice(0, colon), tag: target.slice(colon + 1) });
    },
    async pushImage(ref, auth, onLine) {
      const docker = await client();
      const stream = await docker.getImage(ref).push({ authconfig: auth });
      let digest: string | undefined;
      let failure: string | undefined;
      await follow(docker, stream, (line) => {
        if (failed(line)) {
          failure = line.errorDetail?.message ?? line.error;
          return;
        }
        if (line.aux?.Digest !== undefined) digest = line.aux.Digest;
        if (line.status !== undefined) onLine(statusText(line));
      });
      if (failure !== undefined) throw new Error(`docker push ${ref}: ${failure}`);
      return digest === undefined ? {} : { digest };
    },
    async removeImage(ref) {
      await unlessAbsent(async () => (await client()).getImage(ref).remove({ force: true }));
    },
    async findImages(labels) {
      const found = await (await client()).listImages({ filters: { label: labelFilters(labels) } });
      return found.map((image) => ({
        id: image.Id,
        architecture: "",
        labels: image.Labels ?? {},
        tags: (image.RepoTags ?? []).filter((tag) => tag !== "<none>:<none>"),
      }));
    },
  };
}
