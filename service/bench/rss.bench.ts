// npm run bench:rss -w service — peak memory of the service (a real `server.ts` process, as in the
// container) while it takes a 300 MiB upload and gives it back, on the embedded S3 (s3rver). Both
// ways are streamed, so the peak must stay near the idle figure (goal: ≤ 200 MiB). Prints one JSON document.
import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { readFileSync } from "node:fs";
import { Readable } from "node:stream";
import { fileURLToPath } from "node:url";
import { serviceEnv } from "../src/entry/env-contract.ts";
import { BUCKET, REGION, startEmbeddedAws, TABLE_NAME } from "../test/support/embedded-aws.ts";

// The SDK's Node 20 notice is noise in a figure-printing bench (stackctl's bin hides it too).
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";

const MIB = 1024 * 1024;
const SIZE_MIB = Number(process.env.BENCH_RSS_MIB ?? 300);
const PORT = 18_000 + (process.pid % 1000);

/** The kernel's high-water mark of the process's resident set, in MiB. */
function peakRssMib(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, "utf8").match(/^VmHWM:\s+(\d+) kB/m);
  return Math.round(Number(line?.[1] ?? Number.NaN) / 1024);
}
function rssMib(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, "utf8").match(/^VmRSS:\s+(\d+) kB/m);
  return Math.round(Number(line?.[1] ?? Number.NaN) / 1024);
}

async function waitUp(url: string): Promise<void> {
  for (let attempt = 0; attempt < 100; attempt += 1) {
    if (
      await fetch(url).then(
        (r) => r.ok,
        () => false,
      )
    )
      return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`the service never answered at ${url}`);
}

const aws = await startEmbeddedAws();
let server: ChildProcess | undefined;
try {
  const entry = fileURLToPath(new URL("../src/entry/server.ts", import.meta.url));
  server = spawn(process.execPath, ["--import", "tsx", entry], {
    stdio: ["ignore", "ignore", "inherit"],
    env: {
      PATH: process.env.PATH,
      [serviceEnv.tableName]: TABLE_NAME,
      [serviceEnv.bucket]: BUCKET,
      [serviceEnv.region]: REGION,
      [serviceEnv.dynamoEndpoint]: aws.dynamoEndpoint,
      [serviceEnv.s3Endpoint]: aws.s3Endpoint,
      [serviceEnv.port]: String(PORT),
      [serviceEnv.logLevel]: "warn",
      [serviceEnv.maxUploadBytes]: String((SIZE_MIB + 1) * MIB),
      AWS_ACCESS_KEY_ID: "S3RVER",
      AWS_SECRET_ACCESS_KEY: "S3RVER",
    },
  });
  const pid = server.pid ?? 0;
  const base = `http://127.0.0.1:${PORT}`;
  await waitUp(`${base}/`);
  const idleMib = rssMib(pid);

  const chunk = Buffer.alloc(MIB, 0x5a);
  const body = Readable.from(
    (function* () {
      for (let i = 0; i < SIZE_MIB; i += 1) yield chunk;
    })(),
  );
  let started = performance.now();
  const upload = await fetch(`${base}/file/upload/rss-bench.bin`, {
    method: "PUT",
    body: Readable.toWeb(body) as ReadableStream,
    duplex: "half",
    headers: { "content-type": "application/octet-stream", "content-length": String(SIZE_MIB * MIB) },
  } as RequestInit);
  if (upload.status !== 201) throw new Error(`upload answered ${upload.status}: ${await upload.text()}`);
  const uploadMs = Math.round(performance.now() - started);
  const afterUploadPeakMib = peakRssMib(pid);

  started = performance.now();
  const download = await fetch(`${base}/file/download/rss-bench.bin`);
  let received = 0;
  for await (const part of download.body ?? []) received += (part as Uint8Array).byteLength;
  const downloadMs = Math.round(performance.now() - started);
  if (received !== SIZE_MIB * MIB) throw new Error(`downloaded ${received} bytes of ${SIZE_MIB * MIB}`);

  const peakMib = peakRssMib(pid);
  console.log(
    JSON.stringify(
      {
        bench: "service-rss",
        fileMiB: SIZE_MIB,
        idleRssMiB: idleMib,
        peakRssAfterUploadMiB: afterUploadPeakMib,
        peakRssMiB: peakMib,
        goalPeakRssMiB: 200,
        met: peakMib <= 200,
        uploadMs,
        downloadMs,
        node: process.version,
      },
      null,
      2,
    ),
  );
} finally {
  if (server !== undefined && server.exitCode === null) {
    server.kill("SIGTERM");
    await once(server, "exit");
  }
  await aws.stop();
}
