/**
 * What results say where nothing is deployed: `up --dry-run` (planned only) and `status` of a stack
 * whose `up` stopped before its deploy step, or whose deployment is gone.
 */
export const notDeployed = {
  apiUrl: null,
  directUrl: null,
  image: null,
  resources: { restApiId: null, functionName: null, containerId: null },
} as const;

export const notDeployedLines = {
  up: "Deploy: nothing was deployed.",
  status: "  service  not deployed (`stackctl up` deploys it)",
} as const;
