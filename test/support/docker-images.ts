import type Docker from "dockerode";
import { pack } from "tar-fs";

interface ProgressLine {
  error?: string;
  errorDetail?: { message?: string };
}

/** Resolves when a build/push stream ends; rejects with the engine's message if any line failed. */
export function followProgress(docker: Docker, stream: NodeJS.ReadableStream, what: string): Promise<void> {
  return new Promise((resolve, reject) => {
    docker.modem.followProgress(stream, (error: Error | null, lines: ProgressLine[]) => {
      const failed = lines.find((line) => line.error !== undefined || line.errorDetail !== undefined);
      if (error) reject(new Error(`${what}: ${error.message}`));
      else if (failed) reject(new Error(`${what}: ${failed.errorDetail?.message ?? failed.error}`));
      else resolve();
    });
  });
}

export interface BuildRequest {
  context: string;
  /** Paths inside `context` to send (default: all of it). */
  entries?: string[];
  /** Dockerfile name inside the context (default: Dockerfile). */
  dockerfile?: string;
  tag: string;
  labels: Record<string, string>;
  buildArgs: Record<string, string>;
}

export async function buildImage(docker: Docker, request: BuildRequest): Promise<void> {
  // tar-fs streams are streamx streams: Node-compatible at run time, not in @types/dockerode's eyes.
  const context = pack(
    request.context,
    request.entries === undefined ? {} : { entries: request.entries },
  ) as unknown as NodeJS.ReadableStream;
  const stream = await docker.buildImage(context, {
    t: request.tag,
    ...(request.dockerfile === undefined ? {} : { dockerfile: request.dockerfile }),
    labels: request.labels,
    buildargs: request.buildArgs,
    rm: true,
    forcerm: true,
  });
  await followProgress(docker, stream, `docker build ${request.tag}`);
}

/** Tags `source` as `target` (registry/repo:tag) and pushes it with the given registry login. */
export async function pushImage(
  docker: Docker,
  source: string,
  target: string,
  auth: { username: string; password: string; serveraddress: string },
): Promise<void> {
  const colon = target.lastIndexOf(":");
  const repo = target.slice(0, colon);
  const tag = target.slice(colon + 1);
  await docker.getImage(source).tag({ repo, tag });
  const stream = await docker.getImage(target).push({ authconfig: auth });
  await followProgress(docker, stream, `docker push ${target}`);
}
