import type { BuiltImage } from "../../src/engine/image/ensure-image.ts";
import type { Placement } from "../../src/engine/modes/container/placement.ts";

/** A built service image and a placement for tests of the container spec (no Docker needed). */
export function specInputs(name: string): { image: BuiltImage; placement: Placement } {
  return {
    image: {
      target: "container",
      tag: `stackctl/${name}-service:abc123`,
      id: "sha256:abc",
      contentHash: "abc123",
      architecture: "amd64",
      baseImage: "node:22-slim",
      change: "built",
    },
    placement: {
      network: `stackctl-${name}`,
      emulatorUrl: "http://host.docker.internal:4566",
      extraHosts: [],
      emulatorInDocker: false,
      backendUrl: () => "http://127.0.0.1:1",
    },
  };
}
