import { findStackApi, stageName } from "../api/rest-api.ts";
import { withAwsPorts } from "../aws-session.ts";
import type { EngineContext } from "../context.ts";
import { stackEndpoint } from "../emulator/endpoint.ts";
import type { EmulatorInfo } from "../emulator/probe.ts";
import type { EnginePorts } from "../ports.ts";
import { profileFor, stageUrl } from "../profile/emulator-profile.ts";
import { readLedger } from "../state/ledger.ts";

export interface LocatedStack {
  endpoint: string;
  emulator: EmulatorInfo | undefined;
  /** The mode the last `up` deployed, from the ledger. */
  mode: string | undefined;
  api: { id: string; url: string } | undefined;
}

/** Where the stack's deployment is, read-only: the ledger's emulator and mode, the REST API found there. */
export async function locateStack(ctx: EngineContext, deps: EnginePorts): Promise<LocatedStack> {
  const { config } = ctx;
  const ledger = await readLedger(config.stateDir, config.stack).catch(() => undefined);
  const endpoint = stackEndpoint(config, ledger?.endpoint);
  const probe = await deps.probe(endpoint, ctx.signal);
  const mode = ledger?.mode;
  if (probe.state !== "ready") return { endpoint, emulator: undefined, mode, api: undefined };
  const { info } = probe;
  const api = await withAwsPorts(ctx, deps, endpoint, (aws) =>
    findStackApi(aws.restApis, profileFor(info), config.stack),
  );
  return {
    endpoint,
    emulator: info,
    mode,
    api: api === undefined ? undefined : { id: api.id, url: stageUrl(endpoint, api.id, stageName, "/") },
  };
}
