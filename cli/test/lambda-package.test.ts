import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { diagnoseInvocation } from "../src/engine/modes/lambda/diagnose.ts";
import { choosePackage } from "../src/engine/modes/lambda/package-choice.ts";
import { coldStart } from "../src/engine/modes/lambda/report.ts";
import { initDuration } from "../src/engine/modes/lambda/warm-up.ts";
import { zipBundle } from "../src/engine/modes/lambda/zip-package.ts";
import { StackctlError } from "../src/errors.ts";
import { tempDirs } from "./support/capture-io.ts";

const community = { kind: "localstack", version: "4.14.0", edition: "community" } as const;
const pro = { kind: "localstack", version: "4.14.0", edition: "pro" } as const;
const ministack = { kind: "ministack", version: "1.5.33", edition: "light" } as const;

describe("lambda packaging: the capability decision", () => {
  it("auto gives zip on LocalStack community (no image functions, no ECR) and says why", () => {
    const choice = choosePackage("auto", community, { ecr: false, imageLambdas: false });
    expect(choice).toEqual({
      package: "zip",
      why: "auto: localstack 4.14.0 (community): image functions cannot be invoked, so the same bundle goes as a zip",
    });
  });

  it("--package image on LocalStack community fails with IMAGE_LAMBDA_UNSUPPORTED and a hint", () => {
    const error = (() => {
      try {
        choosePackage("image", community, { ecr: false, imageLambdas: false });
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(StackctlError);
    expect(error).toMatchObject({ code: "IMAGE_LAMBDA_UNSUPPORTED", exitCode: 3 });
    expect((error as StackctlError).hint).toMatch(/--package zip.*LOCALSTACK_AUTH_TOKEN/);
  });

  it("auto gives image where image functions run and ECR answers (ministack, LocalStack Pro)", () => {
    expect(choosePackage("auto", ministack, { ecr: true, imageLambdas: true }).package).toBe("image");
    expect(choosePackage("auto", pro, { ecr: true, imageLambdas: true }).package).toBe("image");
    expect(choosePackage("image", pro, { ecr: true, imageLambdas: true }).package).toBe("image");
  });

  it("auto falls back to zip when image functions run but there is no registry to push to", () => {
    expect(choosePackage("auto", ministack, { ecr: false, imageLambdas: true })).toMatchObject({
      package: "zip",
      why: expect.stringContaining("no ECR registry"),
    });
  });

  it("--package zip is honoured everywhere", () => {
    expect(choosePackage("zip", ministack, { ecr: true, imageLambdas: true }).package).toBe("zip");
  });
});

describe("lambda traps: diagnosed from what the invocation answered and logged", () => {
  const base = {
    functionName: "fn",
    packageType: "Image" as const,
    image: "127.0.0.1:4566/stackctl/x-function:abc",
    imageArch: "arm64",
    hostArch: "amd64",
    emulatorPort: "4599",
    log: "",
  };
  it.each([
    ["connect ECONNREFUSED 127.0.0.1:4599", "LAMBDA_CANNOT_REACH_EMULATOR"],
    ["connect ECONNREFUSED 127.0.0.1:8080", "LAMBDA_RUNTIME_TIMEOUT"],
    ["standard_init_linux.go:228: exec user process caused: exec format error", "LAMBDA_ARCH_MISMATCH"],
    ["Lambda RIE failed: /lambda-entrypoint.sh: aws-lambda-ric: not found", "LAMBDA_IMAGE_WITHOUT_RIC"],
    [
      '{"errorType":"Sandbox.Timedout","errorMessage":"Task timed out after 30.00 seconds"}',
      "LAMBDA_RUNTIME_TIMEOUT",
    ],
    [
      'OCI runtime create failed: unable to start container process: exec: \\"lambda.handler\\": executable file not found in $PATH',
      "LAMBDA_IMAGE_WITHOUT_RIC",
    ],
    ['{"errorType":"TypeError","errorMessage":"boom"}', "LAMBDA_INVOKE_FAILED"],
  ])("%s → %s", (detail, code) => {
    const error = diagnoseInvocation({ ...base, detail });
    expect(error.code).toBe(code);
    expect(error.hint.length).toBeGreaterThan(20);
  });

  it("names the address a function could not reach, out of the service's JSON log line", () => {
    const log =
      '{"level":50,"err":{"message":"connect ECONNREFUSED 172.17.0.1:4599","code":"ECONNREFUSED"},"msg":"storage call failed"}';
    const error = diagnoseInvocation({ ...base, detail: "the service answered 500", log });
    expect(error.code).toBe("LAMBDA_CANNOT_REACH_EMULATOR");
    expect(error.message).toBe(
      "Function fn cannot reach the emulator from its container: connect ECONNREFUSED 172.17.0.1:4599",
    );
    expect(error.exitCode).toBe(3);
  });

  it("reads Init Duration from a REPORT line, ignoring RIE's ~0 ms", () => {
    expect(initDuration("REPORT RequestId: 1\tDuration: 3 ms\tInit Duration: 412.55 ms")).toBe(413);
    expect(initDuration("REPORT RequestId: 1\tDuration: 3 ms\tInit Duration: 0.21 ms")).toBeUndefined();
    expect(initDuration("REPORT RequestId: 1\tDuration: 3 ms")).toBeUndefined();
  });

  it("reports the measured first invoke as the cold start when the logged init is only a sliver of it", () => {
    const warmUp = (initDurationMs: number | undefined) => ({
      warmUp: { coldMs: 1256, initDurationMs, requestId: "r" },
    });
    // What the harness's LocalStack init logged for a 1.26 s first invoke.
    expect(coldStart(warmUp(3))).toEqual({ ms: 1256, source: "measured", invokeMs: 1256 });
    expect(coldStart(warmUp(undefined))).toEqual({ ms: 1256, source: "measured", invokeMs: 1256 });
    // AWS's own: most of the first invoke is init.
    expect(coldStart(warmUp(900))).toEqual({ ms: 900, source: "init-duration", invokeMs: 1256 });
    expect(coldStart({ warmUp: undefined })).toBeNull();
  });
});

describe("lambda zip package", () => {
  const dirs = tempDirs("stackctl-zip-");
  afterAll(() => dirs.cleanup());

  async function bundleDir(content: string) {
    const dir = await dirs.make();
    await mkdir(path.join(dir, "dist"));
    await writeFile(path.join(dir, "dist", "lambda.js"), content);
    await writeFile(path.join(dir, "dist", "lambda.js.map"), "{}");
    await writeFile(path.join(dir, "dist", "package.json"), '{"type":"commonjs"}');
    return { dir, sha256: "x" };
  }

  it("zips the same bundle to the same bytes (a re-run keeps CodeSha256)", async () => {
    const a = await zipBundle(await bundleDir("exports.handler = async () => ({});"));
    const b = await zipBundle(await bundleDir("exports.handler = async () => ({});"));
    expect(a.codeSha256).toBe(b.codeSha256);
    const { unzipSync } = await import("fflate");
    expect(Object.keys(unzipSync(a.zip)).sort()).toEqual(["lambda.js", "lambda.js.map", "package.json"]);
  });

  it("refuses a zip over the upload limit with LAMBDA_ZIP_TOO_LARGE", async () => {
    const bundle = await bundleDir("x".repeat(10_000));
    await expect(zipBundle(bundle, 10)).rejects.toMatchObject({ code: "LAMBDA_ZIP_TOO_LARGE" });
  });
});
