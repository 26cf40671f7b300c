import { createHash } from "node:crypto";
import { credentialsEnv, serviceEnv } from "@stackctl/service/env";
import { emulatorCredentials, type StackctlConfig } from "../../../config/schema.ts";
import type { BuiltImage } from "../../image/ensure-image.ts";
import type { ContainerRun } from "../../ports.ts";
import { roleLabel, stackLabels } from "../../stack-labels.ts";
import { type Placement, servicePort } from "./placement.ts";

/**
 * The service container in the shape of an ECS task definition's container definition, so another
 * runtime (ECS on an emulator, a real cluster) could run the same spec.
 * https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_ContainerDefinition.html
 */
export interface TaskDefinition {
  family: string;
  image: string;
  environment: Record<string, string>;
  portMappings: { containerPort: number; protocol: "tcp" }[];
  healthCheck: { command: string[]; interval: number; timeout: number; retries: number; startPeriod: number };
  /** MiB, as ECS counts it. */
  memory: number;
  restartPolicy: { enabled: boolean };
  dockerLabels: Record<string, string>;
  /** As ECS says it: the service needs no capability, no privilege gain and no writable root. */
  readonlyRootFilesystem: boolean;
  dockerSecurityOptions: string[];
  linuxParameters: {
    capabilities: { drop: string[] };
    tmpfs: { containerPath: string; size: number; mountOptions: string[] }[];
  };
  /** Not an ECS field: Docker's cap on processes in the container. */
  pidsLimit: number;
  /**
   * ECS's `mountPoints` with the host path of its `volumes` entry folded in: `stackctl dev` binds one
   * reload's bundle over the image's /app, read-only, so an edit needs no image build.
   */
  mountPoints?: { sourcePath: string; containerPath: string; readOnly: boolean }[];
}

/** The code a container runs when it is not the image's own: one `stackctl dev` reload's bundle. */
export interface DevCode {
  /** The bundle's dist/ folder on the Docker host. */
  dist: string;
  /** What `GET /` reports: the bundle's hash. */
  version: string;
}

/** Where the image keeps the bundle (service/Dockerfile `COPY dist/ /app/`). */
export const appDir = "/app";

const healthProbe = `fetch("http://127.0.0.1:${servicePort}/").then((r)=>process.exit(r.ok?0:1),()=>process.exit(1))`;

export function serviceTaskDefinition(
  config: StackctlConfig,
  image: BuiltImage,
  placement: Placement,
  code?: DevCode,
): TaskDefinition {
  return {
    family: `stackctl-${config.stack}-service`,
    image: image.tag,
    environment: {
      // The order is part of the spec hash: a reordering would replace every running container.
      [serviceEnv.tableName]: config.tableName,
      [serviceEnv.bucket]: config.bucketName,
      [serviceEnv.region]: config.region,
      [serviceEnv.endpoint]: placement.emulatorUrl,
      // The emulator's dummy credentials, never the host's (config/schema.ts emulatorCredentials).
      [credentialsEnv.accessKeyId]: emulatorCredentials.accessKeyId,
      [credentialsEnv.secretAccessKey]: emulatorCredentials.secretAccessKey,
      [serviceEnv.port]: String(servicePort),
      [serviceEnv.version]: code?.version ?? image.contentHash,
      ...(config.maxUploadBytes === undefined
        ? {}
        : { [serviceEnv.maxUploadBytes]: String(config.maxUploadBytes) }),
    },
    portMappings: [{ containerPort: servicePort, protocol: "tcp" }],
    healthCheck: {
      command: ["node", "-e", healthProbe],
      interval: 10,
      timeout: 3,
      retries: 3,
      startPeriod: 5,
    },
    memory: 512,
    restartPolicy: { enabled: true },
    dockerLabels: { ...stackLabels(config.stack), [roleLabel]: "service" },
    readonlyRootFilesystem: true,
    dockerSecurityOptions: ["no-new-privileges"],
    linuxParameters: {
      capabilities: { drop: ["ALL"] },
      // Node and the SDK may want a scratch folder; nothing else is written.
      tmpfs: [{ containerPath: "/tmp", size: 64, mountOptions: ["rw", "noexec", "nosuid"] }],
    },
    pidsLimit: 256,
    ...(code === undefined
      ? {}
      : { mountPoints: [{ sourcePath: code.dist, containerPath: appDir, readOnly: true }] }),
  };
}

/** A hash of everything that makes a running container current; the host port is not part of it. */
export function specHash(definition: TaskDefinition, placement: Placement): string {
  return createHash("sha256")
    .update(JSON.stringify({ definition, network: placement.network, extraHosts: placement.extraHosts }))
    .digest("hex")
    .slice(0, 12);
}

export const specLabel = "dev.stackctl.spec";

export function toContainerRun(
  definition: TaskDefinition,
  options: { name: string; hash: string; hostPort: number; placement: Placement },
): ContainerRun {
  return {
    name: options.name,
    image: definition.image,
    env: definition.environment,
    labels: { ...definition.dockerLabels, [specLabel]: options.hash },
    network: options.placement.network,
    aliases: [],
    extraHosts: options.placement.extraHosts,
    publish: { containerPort: servicePort, hostIp: "127.0.0.1", hostPort: options.hostPort },
    healthCheck: {
      command: definition.healthCheck.command,
      intervalS: definition.healthCheck.interval,
      timeoutS: definition.healthCheck.timeout,
      retries: definition.healthCheck.retries,
      startPeriodS: definition.healthCheck.startPeriod,
    },
    memoryBytes: definition.memory * 1024 * 1024,
    restart: definition.restartPolicy.enabled ? "unless-stopped" : "no",
    ...(definition.mountPoints === undefined
      ? {}
      : {
          mounts: definition.mountPoints.map((mount) => ({
            source: mount.sourcePath,
            target: mount.containerPath,
            readOnly: mount.readOnly,
          })),
        }),
    security: {
      capDrop: definition.linuxParameters.capabilities.drop,
      noNewPrivileges: definition.dockerSecurityOptions.includes("no-new-privileges"),
      readOnlyRoot: definition.readonlyRootFilesystem,
      tmpfs: Object.fromEntries(
        definition.linuxParameters.tmpfs.map((mount) => [
          mount.containerPath,
          [...mount.mountOptions, `size=${mount.size}m`].join(","),
        ]),
      ),
      pidsLimit: definition.pidsLimit,
    },
  };
}
