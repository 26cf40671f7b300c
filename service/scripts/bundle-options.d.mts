import type { BuildOptions } from "esbuild";

export declare const bundlePackageJson: string;
export declare const bundleMarker: string;
export declare const bundleMarkerText: string;
export declare function serviceBundleOptions(
  serviceDir: string,
  outdir: string,
  sourcesContent: boolean,
): BuildOptions & { outdir: string; absWorkingDir: string };
