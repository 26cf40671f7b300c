/**
 * The Node versions stackctl supports: `engines.node` of the root package.json (a unit test keeps the
 * two equal). Each entry is the lowest release of a line; the last one is open-ended. CI runs the
 * unit tier and the main e2e flows on the newest release of each line (NODE_LINE_VERSIONS in
 * scripts/test-env/versions.env, scripts/node-lines/run.sh). The floors are what the dependencies
 * require (write-file-atomic 8: ^22.22.2 || ^24.15.0 || >=26).
 */
export const supportedNodeLines: readonly (readonly [major: number, minor: number, patch: number])[] = [
  [22, 22, 2],
  [24, 15, 0],
  [26, 0, 0],
];

/** The same as a semver range, e.g. `^22.22.2 || ^24.15.0 || >=26.0.0`. */
export const supportedNodeRange = supportedNodeLines
  .map(([major, minor, patch], index) =>
    index === supportedNodeLines.length - 1 ? `>=${major}.${minor}.${patch}` : `^${major}.${minor}.${patch}`,
  )
  .join(" || ");

export type NodeSupport = "supported" | "below-floor" | "unsupported-line";

function compare(a: readonly number[], b: readonly number[]): number {
  for (let index = 0; index < 3; index++) {
    const difference = (a[index] ?? 0) - (b[index] ?? 0);
    if (difference !== 0) return difference;
  }
  return 0;
}

/**
 * Where `version` (e.g. `22.23.5`) stands: in a supported line at or above its floor; below the
 * oldest floor or the floor of its own line; or in a line between them that is not supported (23, 25).
 */
export function nodeSupport(version: string): NodeSupport {
  const parts = version.replace(/^v/, "").split(".").map(Number);
  const major = parts[0] ?? 0;
  const last = supportedNodeLines[supportedNodeLines.length - 1];
  if (last !== undefined && major >= last[0]) return compare(parts, last) >= 0 ? "supported" : "below-floor";
  const line = supportedNodeLines.find(([lineMajor]) => lineMajor === major);
  if (line !== undefined) return compare(parts, line) >= 0 ? "supported" : "below-floor";
  const oldest = supportedNodeLines[0];
  return oldest !== undefined && major < oldest[0] ? "below-floor" : "unsupported-line";
}
