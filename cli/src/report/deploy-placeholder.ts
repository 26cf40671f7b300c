import { z } from "zod";

/**
 * What results say while a deploy is missing (lambda mode is not part of stackctl yet; `status`
 * does not report deployments yet). This file is the one place: `up`'s not-implemented `deploy`
 * object, the null deploy fields of `up` and `status`, and their summary lines. Real deploy
 * results replace it piece by piece (schemas/deploy.ts, schemas/deployed.ts).
 */
export const deployPlaceholder = z.strictObject({
  status: z.literal("not-implemented"),
  detail: z.string().min(1),
});

export const notDeployed = {
  apiUrl: null,
  directUrl: null,
  image: null,
  resources: { restApiId: null, functionName: null, containerId: null },
} as const;

export const notDeployedLines = {
  up: "Deploy: not implemented yet, so nothing was built or deployed and there is no API URL.",
  status: "  service  not deployed (deploy arrives with the container/lambda modes)",
} as const;
