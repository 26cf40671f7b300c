import { z } from "zod";

/**
 * The deploy-dependent fields `up` and `status` share (README "Output (`--json`)"), null while nothing is
 * deployed; a new field here is in both commands' contracts.
 */
export const resources = z.strictObject({
  table: z.string().min(1),
  bucket: z.string().min(1),
  restApiId: z.string().nullable(),
  functionName: z.string().nullable(),
  containerId: z.string().nullable(),
});

/** The image the service runs: `digest` once it is pushed to a registry (not in container mode). */
export const image = z.strictObject({ tag: z.string(), id: z.string(), digest: z.string().nullable() });

export const deployedFields = {
  apiUrl: z.url().nullable(),
  /** The container's own URL in container mode. */
  directUrl: z.url().nullable(),
  resources,
  image: image.nullable(),
};
