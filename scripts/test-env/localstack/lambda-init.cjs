#!/usr/local/bin/node
// Stand-in for LocalStack's Lambda init (/var/rapid/init, its fork of AWS's RIE), which LocalStack
// downloads from GitHub at first use (unreachable here). LocalStack copies this file into every
// function container (LAMBDA_INIT_BIN_PATH) and runs it as the entrypoint, without arguments.
// It runs AWS's RIE from the stand-in runtime image and bridges LocalStack's executor protocol to
// RIE's invoke API. The contract (LocalStack 4.14, services/lambda_/invocation/executor_endpoint.py
// and docker_runtime_executor.py) is described in docs/emulators.md. CommonJS on purpose: the file
// lands as the extensionless /var/rapid/init, which node loads as CommonJS.
"use strict";
const { spawn } = require("node:child_process");
const { chmodSync } = require("node:fs");
const http = require("node:http");
const net = require("node:net");

const executorPort = 9563; // LocalStack's INVOCATION_PORT
const riePort = 8080;
const endpoint = process.env.LOCALSTACK_RUNTIME_ENDPOINT ?? "";
const runtimeId = process.env.LOCALSTACK_RUNTIME_ID ?? "";

// LocalStack asks the init to set these modes (e.g. /tmp 0700) before the function runs.
for (const { path, mode } of JSON.parse(process.env.LOCALSTACK_CHMOD_PATHS ?? "[]")) {
  try {
    chmodSync(path, Number.parseInt(mode, 8));
  } catch {
    // A path the runtime image lacks is not worth failing the environment for.
  }
}

// Plain http.request instead of fetch: fetch's 300 s header timeout is below Lambda's 900 s maximum.
function post(url, body, contentType) {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: "POST", headers: { "content-type": contentType } }, (res) => {
      const chunks = [];
      res.on("data", (chunk) => chunks.push(chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks) }));
    });
    req.on("error", reject);
    req.end(body);
  });
}

function postJson(url, value) {
  return post(url, JSON.stringify(value), "application/json");
}

// The runtime's and RIE's output, kept per invocation so it can be handed to LocalStack as the logs.
let output = "";
const rie = spawn("/usr/local/bin/aws-lambda-rie", ["/var/runtime/bootstrap"], {
  env: { ...process.env, AWS_LAMBDA_RUNTIME_API: "" },
  stdio: ["ignore", "pipe", "pipe"],
});
for (const stream of [rie.stdout, rie.stderr]) {
  stream.on("data", (chunk) => {
    process.stdout.write(chunk);
    output += chunk.toString("utf8");
  });
}
rie.on("exit", (code, signal) => {
  console.error(`[stand-in init] RIE exited (${signal ?? code})`);
  process.exit(1);
});

// As PID 1 nothing stops us on SIGTERM unless we do, and every container stop would wait 5 s.
for (const signal of ["SIGTERM", "SIGINT"]) {
  process.on(signal, () => {
    rie.kill("SIGTERM");
    process.exit(0);
  });
}

// undefined for a result; otherwise the body LocalStack expects on /error (one with `errorType`).
function errorBody(result) {
  const text = result.body.toString("utf8");
  let value;
  try {
    value = JSON.parse(text);
  } catch {
    // RIE answers a timeout with 200 and plain text ("Task timed out after 3.00 seconds").
    const errorType = /timed out/i.test(text) ? "Sandbox.Timedout" : "Runtime.Unknown";
    return JSON.stringify({ errorType, errorMessage: text.trim() });
  }
  const isError = value !== null && typeof value === "object" && typeof value.errorType === "string";
  if (isError) return text;
  return result.status === 200
    ? undefined
    : JSON.stringify({ errorType: "Runtime.Unknown", errorMessage: text });
}

async function invoke(request) {
  const base = `${endpoint}/invocations/${request["invoke-id"]}`;
  output = "";
  let result;
  try {
    result = await post(
      `http://127.0.0.1:${riePort}/2015-03-31/functions/function/invocations`,
      request.payload ?? "",
      "application/json",
    );
  } catch (error) {
    const message = JSON.stringify({ errorType: "Runtime.Unknown", errorMessage: String(error) });
    result = { status: 502, body: Buffer.from(message) };
  }
  // LocalStack attaches the logs it last received to the result, so they go first.
  await postJson(`${base}/logs`, { logs: output });
  const error = errorBody(result);
  if (error === undefined) await post(`${base}/response`, result.body, "application/json");
  else await post(`${base}/error`, error, "application/json");
}

const server = http.createServer((req, res) => {
  const chunks = [];
  req.on("data", (chunk) => chunks.push(chunk));
  req.on("end", () => {
    if (req.method !== "POST" || req.url !== "/invoke") {
      res.writeHead(404).end();
      return;
    }
    // LocalStack wants the invoke accepted at once; the result goes back through its endpoint.
    res.writeHead(202).end();
    invoke(JSON.parse(Buffer.concat(chunks).toString("utf8"))).catch((error) => {
      console.error(`[stand-in init] could not report the invocation: ${error}`);
    });
  });
});

// Resolves once RIE accepts connections. Ready must wait for it: LocalStack invokes as soon as an
// environment reports ready, and an invoke that races RIE's start fails with ECONNREFUSED
// 127.0.0.1:8080 (seen as 502s when 5 concurrent requests each started an environment).
function rieListening(deadline) {
  return new Promise((resolve, reject) => {
    const attempt = () => {
      const socket = net.connect(riePort, "127.0.0.1");
      socket.once("connect", () => {
        socket.destroy();
        resolve();
      });
      socket.once("error", (error) => {
        socket.destroy();
        if (Date.now() > deadline) reject(new Error(`RIE not listening on :${riePort}: ${error}`));
        else setTimeout(attempt, 10);
      });
    };
    attempt();
  });
}

// LocalStack gives up on an environment after LAMBDA_RUNTIME_ENVIRONMENT_TIMEOUT; so do we.
const startTimeoutMs = 1000 * Number(process.env.LAMBDA_RUNTIME_ENVIRONMENT_TIMEOUT ?? "60");

server.listen(executorPort, "0.0.0.0", () => {
  rieListening(Date.now() + startTimeoutMs)
    .then(() => postJson(`${endpoint}/status/${runtimeId}/ready`, {}))
    .catch((error) => {
      console.error(`[stand-in init] could not report ready to ${endpoint}: ${error}`);
      process.exit(1);
    });
});
