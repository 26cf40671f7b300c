/** A build context: `dir` as a tar stream, only `entries` (paths inside it) when given. */
export async function tarContext(dir: string, entries?: string[]): Promise<NodeJS.ReadableStream> {
  // Imported on first use so `stackctl --help` never loads it.
  const { pack } = await import("tar-fs");
  // tar-fs streams are streamx streams: Node-compatible at run time, not in @types/dockerode's eyes.
  return pack(dir, entries === undefined ? {} : { entries }) as unknown as NodeJS.ReadableStream;
}
