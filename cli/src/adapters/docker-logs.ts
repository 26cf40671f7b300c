import type { ContainerLogs, LogLine } from "../engine/ports.ts";
import type { DockerClient } from "./docker-client.ts";

type LogStream = LogLine["stream"];

/**
 * Docker multiplexes stdout/stderr of non-TTY containers into frames: an 8-byte header (stream, 0,
 * 0, 0, big-endian size) then the payload; a TTY container's log is one plain stream. The one demuxer:
 * the frames, kept per stream. https://docs.docker.com/engine/api/v1.47/#tag/Container/operation/ContainerAttach
 */
export function splitFrames(buffer: Buffer): { stream: LogStream; text: string }[] {
  const framed =
    buffer.length >= 8 && buffer[0] !== undefined && buffer[0] <= 2 && buffer.readUIntBE(1, 3) === 0;
  if (!framed) return [{ stream: "stdout", text: buffer.toString("utf8") }];
  const frames: { stream: LogStream; text: string }[] = [];
  let offset = 0;
  while (offset + 8 <= buffer.length) {
    const size = buffer.readUInt32BE(offset + 4);
    const stream: LogStream = buffer[offset] === 2 ? "stderr" : "stdout";
    frames.push({ stream, text: buffer.subarray(offset + 8, offset + 8 + size).toString("utf8") });
    offset += 8 + size;
  }
  return frames;
}

/** Both streams as one text, frame by frame. */
export function demuxLogs(buffer: Buffer): string {
  return splitFrames(buffer)
    .map((frame) => frame.text)
    .join("");
}

/** Lines of `timestamps: true` output: `<ISO time> <text>`. */
function emitter(onLine: (line: LogLine) => void) {
  return (stream: LogStream, chunk: string) => {
    for (const raw of chunk.split("\n")) {
      if (raw.trim() === "") continue;
      const space = raw.indexOf(" ");
      const time = space > 0 ? raw.slice(0, space) : undefined;
      onLine({
        stream,
        text: space > 0 ? raw.slice(space + 1) : raw,
        ...(time === undefined ? {} : { time }),
      });
    }
  };
}

export function dockerLogs(client: DockerClient): ContainerLogs {
  return {
    async logTail(id, lines) {
      const buffer = await (await client())
        .getContainer(id)
        .logs({ stdout: true, stderr: true, tail: lines });
      return demuxLogs(buffer)
        .split("\n")
        .map((line) => line.trimEnd())
        .filter((line) => line !== "");
    },
    async followLogs(id, options, onLine, signal) {
      const docker = await client();
      const container = docker.getContainer(id);
      const common = {
        stdout: true,
        stderr: true,
        timestamps: true,
        ...(options.sinceSeconds === undefined ? {} : { since: options.sinceSeconds }),
        ...(options.tail === undefined ? {} : { tail: options.tail }),
      };
      const emit = emitter(onLine);
      if (!options.follow) {
        const buffer = await container.logs({ ...common, follow: false });
        for (const frame of splitFrames(buffer)) emit(frame.stream, frame.text);
        return;
      }
      const stream = await container.logs({ ...common, follow: true });
      const { PassThrough } = await import("node:stream");
      const out = new PassThrough();
      const err = new PassThrough();
      out.on("data", (chunk: Buffer) => emit("stdout", chunk.toString("utf8")));
      err.on("data", (chunk: Buffer) => emit("stderr", chunk.toString("utf8")));
      docker.modem.demuxStream(stream, out, err);
      await new Promise<void>((resolve) => {
        const stop = () => {
          (stream as unknown as { destroy?: () => void }).destroy?.();
          resolve();
        };
        signal.addEventListener("abort", stop, { once: true });
        stream.on("end", () => resolve());
        stream.on("error", () => resolve());
      });
    },
  };
}
