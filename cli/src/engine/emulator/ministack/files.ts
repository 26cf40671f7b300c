import path from "node:path";
import { ministackVersion } from "./pin.ts";

/** Where a managed ministack lives in stackctl's cache dir: the venv, and per port its record and log. */
export function ministackFiles(cacheDir: string, port: number) {
  return {
    venv: path.join(cacheDir, `ministack-${ministackVersion}`),
    python: path.join(cacheDir, `ministack-${ministackVersion}`, "bin", "python"),
    runDir: path.join(cacheDir, "run"),
    record: path.join(cacheDir, "run", `ministack-${port}.json`),
    logDir: path.join(cacheDir, "logs"),
    log: path.join(cacheDir, "logs", `ministack-${port}.log`),
    previousLog: path.join(cacheDir, "logs", `ministack-${port}.previous.log`),
  };
}

export type MinistackFiles = ReturnType<typeof ministackFiles>;
