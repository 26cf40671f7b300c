/**
 * The signals that stop a command between steps (cli/src/bin.ts), each with the exit code a shell
 * reports for it (128 + the signal's number): Ctrl-C, a cancelled CI job or `docker stop`, a
 * closed terminal. All three go through the same abort path, so the result is INTERRUPTED.
 */
export const signalExitCodes = {
  SIGINT: 130,
  SIGTERM: 143,
  SIGHUP: 129,
} as const;

export type InterruptSignal = keyof typeof signalExitCodes;
