import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort } from "../../../test/support/free-port.ts";
import { type EmbeddedAws, startEmbeddedAws } from "../support/embedded-aws.ts";

const serviceRoot = fileURLToPath(new URL("../../", import.meta.url));
let aws: EmbeddedAws;

beforeAll(async () => {
  aws = await startEmbeddedAws();
});
afterAll(() => aws?.stop());

function runEntry(
  args: string[],
  env: Record<string, string>,
): { child: ChildProcess; output: () => string; stdout: () => string } {
  const child = spawn(process.execPath, ["--import", "tsx", ...args], {
    cwd: serviceRoot,
    env: { PATH: process.env.PATH ?? "", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  let stdout = "";
  child.stdout?.on("data", (chunk: Buffer) => {
    output += chunk.toString();
    stdout += chunk.toString();
  });
  child.stderr?.on("data", (chunk: Buffer) => {
    output += chunk.toString();
  });
  return { child, output: () => output, stdout: () => stdout };
}

async function exitOf(child: ChildProcess): Promise<number | null> {
  const [code] = (await once(child, "exit")) as [number | null];
  return code;
}

describe("server.ts", () => {
  it("refuses to start without TABLE_NAME, in one line naming it", async () => {
    const { child, output } = runEntry(["src/entry/server.ts"], {
      S3_BUCKET: "shop-files",
      AWS_REGION: "us-east-1",
    });
    expect(await exitOf(child)).toBe(78);
    expect(output().trim()).toBe(
      "inventory service cannot start: TABLE_NAME is not set: name the DynamoDB table holding the inventory",
    );
  });

  it("serves on PORT and drains, exiting 0, on SIGTERM", async () => {
    const port = await freePort();
    const { child, stdout } = runEntry(["src/entry/server.ts"], {
      ...aws.serviceEnv,
      AWS_ENDPOINT_URL_DYNAMODB: aws.dynamoEndpoint,
      AWS_ENDPOINT_URL_S3: aws.s3Endpoint,
      PORT: String(port),
    });
    try {
      let health: Response | undefined;
      for (let attempt = 0; attempt < 100 && health === undefined; attempt++) {
        health = await fetch(`http://127.0.0.1:${port}/`).catch(() => undefined);
        if (health === undefined) await new Promise((r) => setTimeout(r, 100));
      }
      expect(await health?.json()).toEqual({ status: "ok", mode: "container", version: "dev" });
      expect((await fetch(`http://127.0.0.1:${port}/inventory/NOPE`)).status).toBe(404);
      child.kill("SIGTERM");
      expect(await exitOf(child)).toBe(0);
      const logs = stdout()
        .trim()
        .split("\n")
        .map((line) => JSON.parse(line) as { msg: string; requestId?: string; status?: number });
      expect(logs.map((l) => l.msg)).toEqual(
        expect.arrayContaining(["listening", "request", "draining", "drained"]),
      );
      expect(logs.find((l) => l.status === 404)?.requestId).toEqual(expect.any(String));
    } finally {
      if (child.exitCode === null) child.kill("SIGKILL");
    }
  });
});

describe("lambda.ts", () => {
  it("fails its init with one line naming a bad variable", async () => {
    const { child, output } = runEntry(
      ["-e", 'import("./src/entry/lambda.ts").catch(() => process.exit(1))'],
      {
        TABLE_NAME: "t",
        S3_BUCKET: "b",
        AWS_REGION: "us-east-1",
        AWS_ENDPOINT_URL: "localstack:4566",
      },
    );
    expect(await exitOf(child)).toBe(1);
    expect(output()).toContain(
      "inventory service cannot start: AWS_ENDPOINT_URL=localstack:4566 must start with http:// or https://",
    );
  });

  it("refuses an upload limit Lambda's payload cannot carry", async () => {
    const { child, output } = runEntry(
      ["-e", 'import("./src/entry/lambda.ts").catch(() => process.exit(1))'],
      {
        TABLE_NAME: "shop-inventory",
        S3_BUCKET: "shop-files",
        AWS_REGION: "us-east-1",
        MAX_UPLOAD_BYTES: "10000000",
      },
    );
    expect(await exitOf(child)).toBe(1);
    expect(output()).toContain("inventory service cannot start: MAX_UPLOAD_BYTES=10000000 is above 4400000");
  });
});
