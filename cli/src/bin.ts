import { exitCodes } from "./errors.ts";
import { main } from "./main.ts";
import { type InterruptSignal, signalExitCodes } from "./signals.ts";

// The only place that exits.

// A reader that went away (`stackctl status --json | head -1`) is not an error worth a stack trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code === "EPIPE") process.exit(process.exitCode ?? 0);
    throw error;
  });
}

// A first Ctrl-C, SIGTERM (a cancelled CI job, `docker stop`) or SIGHUP (a closed terminal) asks the
// running command to stop between steps: the ledger stays consistent, the lock is released and the
// exit code is the shell's 128 + signal number (130, 143, 129). A second one exits at once (a stale
// lock left behind is detected by the next run).
const controller = new AbortController();
let received: InterruptSignal | undefined;
for (const name of Object.keys(signalExitCodes) as InterruptSignal[]) {
  process.on(name, () => {
    if (controller.signal.aborted) process.exit(signalExitCodes[received ?? name]);
    received = name;
    // No reason: fetch and the SDKs reject with the default AbortError, which the engine expects.
    controller.abort();
  });
}

let code: number;
try {
  code = await main(process.argv.slice(2), {
    stdout: process.stdout,
    stderr: process.stderr,
    env: process.env,
    cwd: process.cwd(),
    signal: controller.signal,
  });
} catch (error) {
  // main reports every failure itself; reaching here is a bug, so show all there is.
  process.stderr.write(
    `stackctl: unexpected error (a bug, please report it):\n${(error as Error).stack ?? String(error)}\n`,
  );
  code = 1;
}
// An interrupted command exits with the code of the signal that stopped it.
if (received !== undefined && code === exitCodes.interrupted) code = signalExitCodes[received];
process.exitCode = code;
// Pipes are asynchronous on some platforms (macOS): let stdout/stderr drain before exiting, so a
// `--json` consumer always gets the final result line.
await Promise.all(
  [process.stdout, process.stderr].map((stream) => new Promise((resolve) => stream.write("", resolve))),
);
// Lingering sockets (SDK keep-alive, Docker) must not hold the process open after the result.
process.exit(code);
