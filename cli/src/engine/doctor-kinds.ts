import type { ManagedEmulatorKind, StackctlConfig } from "../config/schema.ts";
import type { Check } from "./doctor-check.ts";
import { binaryDownloadsCorrection } from "./emulator/corrections.ts";
import { managedEndpoint } from "./emulator/endpoint.ts";
import { ministackFiles } from "./emulator/ministack/files.ts";
import { ministackRequirement, ministackVersion } from "./emulator/ministack/pin.ts";
import { ministackLogTail, runningMinistack } from "./emulator/ministack/run.ts";
import { lastTokenlessTag } from "./emulator/pinned-image.ts";
import { modeNames } from "./modes/table.ts";
import type { Processes } from "./ports.ts";
import { profileFor } from "./profile/emulator-profile.ts";
import { gatewayTraits, limitationsFor } from "./profile/limitations.ts";

/** What each managed kind runs: how stackctl starts it and which services behave like AWS there. */
const kindFacts: Record<ManagedEmulatorKind, { version: string; edition: string; runs: string }> = {
  localstack: {
    version: lastTokenlessTag,
    edition: "community",
    runs: `LocalStack ${lastTokenlessTag} community in Docker (compose, the last tokenless image): zip Lambdas only (image Lambdas and ECR are Pro features, so lambda mode packages as zip), no ECS; with LOCALSTACK_AUTH_TOKEN and a Pro image, image Lambdas and ECR`,
  },
  ministack: {
    version: ministackVersion,
    edition: "light",
    runs: `ministack ${ministackVersion} on the host (${ministackRequirement} from PyPI in a venv in stackctl's cache): image and zip Lambdas (Docker containers), ECR (its registry on the emulator's port), ECS (RunTask and services start Docker containers); no token, nothing pulled from Docker Hub for the emulator`,
  },
};

/** Per mode, the gateway's differences from AWS on this kind, in the words of profile/limitations.ts. */
function gatewayDifferences(kind: ManagedEmulatorKind, port: number): string {
  const facts = kindFacts[kind];
  const profile = profileFor({
    kind,
    version: facts.version,
    edition: facts.edition,
    endpoint: managedEndpoint(port),
    // The managed LocalStack's correction of its binary downloads (emulator/corrections.ts).
    ...(kind === "localstack" ? { corrections: [binaryDownloadsCorrection] } : {}),
  });
  return modeNames()
    .map((mode) => {
      const limits = limitationsFor(profile, mode);
      const what = limits.map((limit) => gatewayTraits[limit.trait].short);
      return `${mode} mode ${what.length === 0 ? "as on AWS" : what.join(", ")}`;
    })
    .join("; ");
}

/** `doctor`: one line per kind `--emulator` can manage, the chosen one first. */
export function kindChecks(config: Pick<StackctlConfig, "emulator" | "endpoint">): Check[] {
  const chosen = config.emulator.kind;
  const kinds = (Object.keys(kindFacts) as ManagedEmulatorKind[]).sort((a, b) =>
    a === chosen ? -1 : b === chosen ? 1 : 0,
  );
  return kinds.map((kind) => ({
    name: `kind ${kind}`,
    verdict: "pass",
    detail: `${kind === chosen && config.endpoint === undefined ? "(chosen) " : ""}${kindFacts[kind].runs}; API URL differences from AWS: ${gatewayDifferences(kind, config.emulator.port)}`,
    fix: "",
  }));
}

/** `doctor` with `--emulator ministack`: Python, the venv, and the managed instance with its log. */
export async function ministackChecks(config: StackctlConfig, processes: Processes): Promise<Check[]> {
  const { port } = config.emulator;
  const files = ministackFiles(config.cacheDir, port);
  const signal = new AbortController().signal;
  const checks: Check[] = [];
  const python = await processes.run("python3", ["--version"], { cwd: config.projectDir, signal });
  const venvPython = await processes.run(files.python, ["--version"], { cwd: config.projectDir, signal });
  const installed = venvPython.exitCode === 0;
  checks.push(
    python.exitCode === 0 || installed
      ? { name: "python", verdict: "pass", detail: python.output.trim() || "python3 (in the venv)", fix: "" }
      : {
          name: "python",
          verdict: "fail",
          detail: "python3 is not on PATH",
          fix: "Install Python 3.10+ with venv (Debian/Ubuntu: `sudo apt-get install python3 python3-venv`), or use --emulator localstack.",
        },
    {
      name: "ministack install",
      verdict: installed ? "pass" : "warn",
      detail: installed ? `${ministackRequirement} in ${files.venv}` : `not installed yet (${files.venv})`,
      fix: installed
        ? ""
        : "The first `stackctl up --emulator ministack` installs it from PyPI (about a minute).",
    },
  );
  const run = await runningMinistack(processes, config.cacheDir, port);
  const tail = await ministackLogTail(config.cacheDir, port, 3);
  const last = tail.length === 0 ? "empty" : `last lines: ${tail.join(" | ")}`;
  checks.push(
    run === undefined
      ? {
          name: "ministack log",
          verdict: "pass",
          detail: `no managed ministack runs on port ${port}; its log is kept in ${files.log} (${last})`,
          fix: "",
        }
      : {
          name: "ministack log",
          verdict: "pass",
          detail: `pid ${run.pid} since ${run.startedAt} on 127.0.0.1:${port} and ${run.gateway}:${port}; log ${run.log} (${last})`,
          fix: "",
        },
  );
  return checks;
}
