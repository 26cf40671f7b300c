/** The shape of an AWS SDK error, read the same way by the engine (classify-error.ts) and the adapters. */
export function errorName(error: unknown): string {
  return (error as { name?: string }).name ?? "";
}

export function httpStatus(error: unknown): number | undefined {
  return (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
}
