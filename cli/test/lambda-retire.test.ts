import { describe, expect, it } from "vitest";
import { retireFunctions } from "../src/engine/modes/lambda/retire.ts";
import type { ContainerEngine, ContainerInfo, FunctionInfo } from "../src/engine/ports.ts";
import { emptyAws } from "./support/fake-aws.ts";
import { fakeClock } from "./support/fakes.ts";

const container = (name: string, labels: Record<string, string>): ContainerInfo => ({
  id: `id-${name}`,
  name,
  image: "img",
  running: true,
  exitCode: 0,
  status: "running",
  health: undefined,
  labels,
  ports: {},
  networks: [],
});

describe("retiring old functions", () => {
  it("removes the environment containers the emulator left running for them, and nothing else", async () => {
    const fn = "stackctl-demo-fn-0123456789";
    // What Docker lists for the stack label right after DeleteFunction returned on LocalStack.
    const listed = [
      container(`stackctl-demo-localstack-1-lambda-${fn}-f0895`, { "dev.stackctl.stack": "demo" }),
      container("stackctl-demo-service-aae71734", {
        "dev.stackctl.stack": "demo",
        "dev.stackctl.role": "service",
      }),
      container("stackctl-demo-localstack-1-lambda-stackctl-demo-fn-ffffffffff-1", {
        "dev.stackctl.stack": "demo",
      }),
    ];
    const removedIds: string[] = [];
    const engine = {
      state: async () => ({ state: "up", version: "20.10" }),
      findContainers: async (labels: Record<string, string>) =>
        labels["dev.stackctl.stack"] === "demo" ? listed : [],
      removeContainer: async (id: string) => {
        removedIds.push(id);
      },
    } as Partial<ContainerEngine> as ContainerEngine;
    const aws = emptyAws();
    const deleted: string[] = [];
    aws.functions.removePermission = async () => undefined;
    aws.functions.remove = async (name) => {
      deleted.push(name);
    };
    const old = { name: fn, imageUri: undefined } as Partial<FunctionInfo> as FunctionInfo;
    const removed = await retireFunctions(
      { functions: aws.functions, registry: undefined },
      fakeClock(),
      new AbortController().signal,
      [old],
      undefined,
      { engine, stack: "demo" },
    );
    expect(removed).toEqual([`function ${fn}`]);
    expect(deleted).toEqual([fn]);
    // Not the service container, not another function's environment.
    expect(removedIds).toEqual([`id-stackctl-demo-localstack-1-lambda-${fn}-f0895`]);
  });
});
