import type { AwsPorts, AwsTarget } from "./aws.ts";
import type { Clock } from "./common.ts";
import type { ContainerEngine } from "./container-engine.ts";
import type { FileWatcher, Keys, ServiceBundler } from "./dev.ts";
import type { EmulatorHost } from "./emulator-host.ts";
import type { HostPorts, Http, Platform, Processes } from "./host.ts";
import type { ProbeResult } from "./probe.ts";

/**
 * All of them: what every engine operation may use. The composition root (cli/src/composition/ports.ts)
 * builds them once per command, from the fakes a caller passes and the real adapters for the rest.
 */
export interface EnginePorts {
  /** Runs the managed emulator (compose), reading Docker through the container engine. */
  emulatorHost: () => Promise<EmulatorHost>;
  clock: Clock;
  containerEngine: () => Promise<ContainerEngine>;
  /** Every AWS port against one endpoint (see engine/aws-session.ts `awsPortsFor`). */
  aws: (target: AwsTarget) => AwsPorts | Promise<AwsPorts>;
  /** "Is an AWS emulator answering there, and which?" (its health endpoint). */
  probe: (endpoint: string, signal: AbortSignal) => Promise<ProbeResult>;
  http: Http;
  hostPorts: HostPorts;
  processes: Processes;
  platform: Platform;
  /** `stackctl dev`: the in-process incremental bundle (esbuild, loaded on first use). */
  bundler: () => Promise<ServiceBundler>;
  /** `stackctl dev`: the watch on the service's sources. */
  fileWatcher: FileWatcher;
  /** `stackctl dev`'s hotkeys on a terminal. */
  keys: Keys;
}
