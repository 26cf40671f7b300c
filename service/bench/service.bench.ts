// npm run bench:service — requests/s and latency for GET /inventory/:sku and a 1 MiB download,
// through Express over a socket (autocannon) and through the Lambda handler in-process, both on the
// embedded emulators (dynalite, s3rver). Bounded by time and count; prints one JSON document.
import { randomBytes } from "node:crypto";
import type { AddressInfo } from "node:net";
import autocannon from "autocannon";
import { readConfig } from "../src/entry/config.ts";
import { createLogger, wireApp } from "../src/entry/wire.ts";
import { lambdaDriver, type ProxyHandler } from "../test/behaviour/lambda-driver.ts";
import { startEmbeddedAws } from "../test/support/embedded-aws.ts";

const DURATION_S = Number(process.env.BENCH_SECONDS ?? 5);
const CONNECTIONS = 10;
const MAX_LAMBDA_REQUESTS = 20_000;
const SKU = "BENCH-1";
const FILE = "bench-1mib.bin";

interface Figures {
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  requests: number;
  errors: number;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

const round = (n: number) => Math.round(n * 100) / 100;

async function viaSocket(url: string): Promise<Figures> {
  // A worker thread generates the load, so the server under test keeps this thread to itself.
  const result = await autocannon({ url, connections: CONNECTIONS, duration: DURATION_S, workers: 1 });
  return {
    requestsPerSecond: round(result.requests.average),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    requests: result.requests.total,
    errors: result.errors + result.non2xx,
  };
}

/** CONNECTIONS concurrent callers invoking the handler back to back, as warm Lambda environments would. */
async function viaHandler(handler: ProxyHandler, path: string): Promise<Figures> {
  const driver = lambdaDriver("bench", handler);
  const latencies: number[] = [];
  let errors = 0;
  const deadline = performance.now() + DURATION_S * 1000;
  const started = performance.now();
  const caller = async () => {
    while (performance.now() < deadline && latencies.length < MAX_LAMBDA_REQUESTS) {
      const t0 = performance.now();
      const res = await driver.send({ method: "GET", path });
      latencies.push(performance.now() - t0);
      if (res.status !== 200) errors++;
    }
  };
  await Promise.all(Array.from({ length: CONNECTIONS }, caller));
  const elapsed = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    requestsPerSecond: round(latencies.length / elapsed),
    p50Ms: round(percentile(latencies, 50)),
    p99Ms: round(percentile(latencies, 99)),
    requests: latencies.length,
    errors,
  };
}

async function main(): Promise<void> {
  const aws = await startEmbeddedAws();
  const env = {
    ...aws.serviceEnv,
    AWS_ENDPOINT_URL_DYNAMODB: aws.dynamoEndpoint,
    AWS_ENDPOINT_URL_S3: aws.s3Endpoint,
    LOG_LEVEL: "silent",
  };
  Object.assign(process.env, env);
  const config = readConfig(env);
  const server = wireApp(config, "container", createLogger(config, "container")).listen(0, "127.0.0.1");
  await new Promise((resolve) => server.once("listening", resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  await fetch(`${base}/inventory`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ sku: SKU, name: "Bench item", quantity: 1, priceCents: 100 }),
  });
  await fetch(`${base}/file/upload/${FILE}`, {
    method: "PUT",
    headers: { "content-type": "application/octet-stream" },
    body: randomBytes(1024 * 1024),
  });
  const { handler } = (await import("../src/entry/lambda.ts")) as { handler: ProxyHandler };

  const report = {
    bench: "service",
    node: process.version,
    durationSeconds: DURATION_S,
    concurrency: CONNECTIONS,
    backends: "dynalite + s3rver in-process",
    express: {
      getItem: await viaSocket(`${base}/inventory/${SKU}`),
      download1MiB: await viaSocket(`${base}/file/download/${FILE}`),
    },
    lambdaHandler: {
      getItem: await viaHandler(handler, `/inventory/${SKU}`),
      download1MiB: await viaHandler(handler, `/file/download/${FILE}`),
    },
  };
  console.log(JSON.stringify(report, null, 2));
  await new Promise((resolve) => server.close(resolve));
  await aws.stop();
}

await main();
