/**
 * E2e files whose subject does not depend on which emulator answers: they run under one emulator
 * profile only (the one named here), not once per profile. What each proves, and why the emulator's
 * kind does not change it, is in docs/testing.md ("What runs once"). vitest.config.ts leaves each
 * out of the other profiles' projects, and test/support/expected-runs.ts counts it for its profile
 * alone, so a full CI run still fails when one of them did not run.
 *
 * A file stays in every profile's run when the profile it names here is not selected
 * (STACKCTL_TEST_EMULATORS=localstack on a developer's machine runs all of them on LocalStack).
 */
export const profileIndependentFiles: Readonly<Record<string, string>> = {
  // The service's own two images through the behaviour suite; the emulator is only their data store
  // (both profiles' data paths are covered by every `up`).
  "service/test/images.e2e.test.ts": "ministack",
  // SIGKILL at random moments, then convergence: the ledger and the lock, not the emulator's API.
  "cli/test/kill-anywhere.e2e.test.ts": "ministack",
  // The stack lock between two real processes.
  "cli/test/two-processes.e2e.test.ts": "localstack",
  // `down` refusing to delete a user's folder: file system only.
  "cli/test/down-owned-folders.e2e.test.ts": "localstack",
  // Reading a version-1 ledger and removing the tables and bucket it names.
  "cli/test/ledger-v1.e2e.test.ts": "localstack",
};

/** The repository-relative e2e files that run under `profile` when `selected` profiles run. */
export function runsUnder(file: string, profile: string, selected: readonly string[]): boolean {
  const only = profileIndependentFiles[file];
  return only === undefined || only === profile || !selected.includes(only);
}

/** The files to leave out of `profile`'s project, as vitest `exclude` globs (relative to the root). */
export function excludedUnder(profile: string, selected: readonly string[]): string[] {
  return Object.keys(profileIndependentFiles).filter((file) => !runsUnder(file, profile, selected));
}
