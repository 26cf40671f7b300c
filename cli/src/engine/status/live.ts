/** What `status` finds running of a stack's compute and its API (engine/status/deployment.ts reads them). */
export interface LiveContainer {
  id: string;
  name: string;
  /** running | exited | missing | … */
  state: string;
  health: string | null;
  image: string;
  directUrl: string | null;
}

export interface LiveApi {
  id: string;
  url: string;
  stageDeployed: boolean;
  /** What `{proxy+}` points at: an HTTP_PROXY URI or an AWS_PROXY function ARN. */
  target: string | null;
}

export interface LiveFunction {
  name: string;
  /** Active | Pending | Failed | missing */
  state: string;
  packageType: string;
  image: string | null;
}
