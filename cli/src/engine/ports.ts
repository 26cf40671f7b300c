/**
 * What the engine needs from the outside world, shaped by the engine's needs, not by the SDKs, one
 * file per family in ports/. Adapters in `cli/src/adapters/` implement them (dockerode, execa, fetch,
 * node:net, AWS SDK v3); unit tests fake them.
 */
export type * from "./ports/aws.ts";
export type * from "./ports/common.ts";
export * from "./ports/container-engine.ts";
export type * from "./ports/data.ts";
export type * from "./ports/dev.ts";
export type * from "./ports/emulator-host.ts";
export type * from "./ports/engine-ports.ts";
export type * from "./ports/host.ts";
export type * from "./ports/lambda.ts";
export type * from "./ports/probe.ts";
export type * from "./ports/rest-apis.ts";
