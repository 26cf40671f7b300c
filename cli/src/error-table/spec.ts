/**
 * Exit codes: 0 ok · 1 failed · 2 usage · 3 environment missing · 4 deployed but smoke failed · 130 interrupted
 * (the bin turns it into 143 for SIGTERM and 129 for SIGHUP: cli/src/signals.ts).
 */
export const exitCodes = {
  ok: 0,
  failed: 1,
  usage: 2,
  environment: 3,
  smokeFailed: 4,
  interrupted: 130,
} as const;

export interface ErrorSpec {
  message: string;
  hint: string;
  retryable: boolean;
  exit: number;
}
