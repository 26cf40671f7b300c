/** Shared by every family of ports. */
export type Labels = Record<string, string>;

export interface Clock {
  now(): number;
  sleep(ms: number, signal: AbortSignal): Promise<void>;
}
