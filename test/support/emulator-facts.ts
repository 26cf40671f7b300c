/**
 * What differs between the emulators the e2e tier runs under, as observed and recorded in
 * docs/emulators.md ("ministack and LocalStack: the differences that matter to stackctl"). Kept
 * apart from emulator-profile.ts so the product's emulator profile can take these facts over.
 */
export interface EmulatorFacts {
  /** `CreateRestApi` tag that fixes the API id. */
  apiIdTag: string;
  /** ECR is served (image packaging possible). */
  ecr: boolean;
  /** `PackageType=Image` functions can be invoked, not only created. */
  imageFunctions: boolean;
  /** Zip functions run in a container (else in a worker on the host, reaching it on loopback). */
  zipFunctionsInContainers: boolean;
  /** `LOCALSTACK_HOSTNAME` is injected into functions. */
  injectsLocalstackHostname: boolean;
  /** HTTP_PROXY passes the backend's response headers back (else only Content-Type). */
  httpProxyPassesHeaders: boolean;
  /** `binaryMediaTypes: ["*\/*"]` decodes base64 responses for any Accept (else list concrete types). */
  binaryWildcardDecodes: boolean;
}

export const emulatorFacts = {
  ministack: {
    apiIdTag: "ms-custom-id",
    ecr: true,
    imageFunctions: true,
    zipFunctionsInContainers: false,
    injectsLocalstackHostname: false,
    httpProxyPassesHeaders: false,
    binaryWildcardDecodes: true,
  },
  // LocalStack 4.14.0 community.
  localstack: {
    apiIdTag: "_custom_id_",
    ecr: false,
    imageFunctions: false,
    zipFunctionsInContainers: true,
    injectsLocalstackHostname: true,
    httpProxyPassesHeaders: true,
    binaryWildcardDecodes: false,
  },
} as const satisfies Record<string, EmulatorFacts>;

export type ProfileName = keyof typeof emulatorFacts;

/** The facts for a test run's profile; a run under an unknown profile fails here rather than guessing. */
export function factsFor(profile: string): EmulatorFacts {
  if (profile in emulatorFacts) return emulatorFacts[profile as ProfileName];
  throw new Error(`no recorded emulator facts for profile '${profile}' (see docs/emulators.md)`);
}
