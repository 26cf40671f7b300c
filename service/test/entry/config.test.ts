import { describe, expect, it } from "vitest";
import { ConfigError, readConfig } from "../../src/entry/config.ts";

const base = { TABLE_NAME: "shop-inventory", S3_BUCKET: "shop-files", AWS_REGION: "us-east-1" };

describe("service configuration", () => {
  it("reads the seed's variables, with defaults for the rest", () => {
    expect(readConfig({ ...base, AWS_ENDPOINT_URL: "http://localstack:4566/" })).toEqual({
      tableName: "shop-inventory",
      bucket: "shop-files",
      region: "us-east-1",
      dynamoEndpoint: "http://localstack:4566",
      s3Endpoint: "http://localstack:4566",
      port: 8080,
      logLevel: "info",
      version: "dev",
      maxUploadBytes: 4 * 1024 * 1024,
    });
  });

  it("lets per-service endpoints override the shared one", () => {
    const config = readConfig({
      ...base,
      AWS_ENDPOINT_URL: "http://a:1",
      AWS_ENDPOINT_URL_S3: "http://s3:2",
    });
    expect(config).toMatchObject({ dynamoEndpoint: "http://a:1", s3Endpoint: "http://s3:2" });
  });

  it.each([
    [{ S3_BUCKET: "shop-files", AWS_REGION: "us-east-1" }, /^TABLE_NAME is not set/],
    [{ TABLE_NAME: "shop-inventory", AWS_REGION: "us-east-1" }, /^S3_BUCKET is not set/],
    [{ TABLE_NAME: "shop-inventory", S3_BUCKET: "shop-files" }, /^AWS_REGION is not set/],
    [
      { ...base, TABLE_NAME: "shop inventory" },
      /^TABLE_NAME=shop inventory is not valid: DynamoDB table names/,
    ],
    [{ ...base, S3_BUCKET: "Shop_Files" }, /^S3_BUCKET=Shop_Files is not valid: S3 bucket names/],
    [
      { ...base, AWS_REGION: "us east 1" },
      /^AWS_REGION=us east 1 is not valid: a region looks like us-east-1/,
    ],
    [{ ...base, TABLE_NAME: "  " }, /^TABLE_NAME is not set/],
    [
      { ...base, AWS_ENDPOINT_URL: "localhost:4566" },
      /^AWS_ENDPOINT_URL=localhost:4566 must start with http/,
    ],
    [{ ...base, AWS_ENDPOINT_URL: "not a url" }, /^AWS_ENDPOINT_URL=not a url is not a URL/],
    [{ ...base, PORT: "80a" }, /^PORT=80a is not a whole number/],
    [{ ...base, PORT: "70000" }, /^PORT=70000 is not a whole number from 1 to 65535/],
    [{ ...base, LOG_LEVEL: "loud" }, /^LOG_LEVEL=loud is not one of/],
  ])("stops on %j with one line naming the variable", (env, message) => {
    expect(() => readConfig(env)).toThrowError(ConfigError);
    expect(() => readConfig(env)).toThrowError(message);
  });
});
