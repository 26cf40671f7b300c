import type { ImageTarget } from "../../image/ensure-image.ts";

/** The service image container mode runs: `service/Dockerfile` on the configured Node base. */
export const serviceImage: ImageTarget = {
  name: "container",
  dockerfile: "Dockerfile",
  repository: "service",
  buildArg: "BASE_IMAGE",
  baseImage: (config) => config.baseImage,
  setting: "STACKCTL_BASE_IMAGE (config baseImage)",
};
