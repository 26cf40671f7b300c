import { AsyncLocalStorage } from "node:async_hooks";

/**
 * AWS calls counted per step. The SDK clients call `countAwsCall` once per operation they send (a
 * middleware in adapters/aws-clients.ts); the call is charged to the innermost `runStep` it was made
 * in and to the run's tally that `countingAwsCalls` opened. Async context carries both, so steps
 * running side by side are each charged their own calls.
 */
export interface AwsCallTally {
  total: number;
  /** Calls per step name; calls made between steps under `outsideSteps`. */
  steps: Record<string, number>;
  /** Calls per operation, e.g. `DynamoDB.DescribeTable`. */
  operations: Record<string, number>;
}

export const outsideSteps = "(between steps)";

export function emptyTally(): AwsCallTally {
  return { total: 0, steps: {}, operations: {} };
}

interface Scope {
  tally: AwsCallTally | undefined;
  step: { name: string; calls: number } | undefined;
}

const scope = new AsyncLocalStorage<Scope>();

const add = (counts: Record<string, number>, key: string) => {
  counts[key] = (counts[key] ?? 0) + 1;
};

/** Counts one AWS operation (`DynamoDB.DescribeTable`) against the current step and run. */
export function countAwsCall(operation: string): void {
  const current = scope.getStore();
  if (current === undefined) return;
  if (current.step !== undefined) current.step.calls += 1;
  const { tally } = current;
  if (tally === undefined) return;
  tally.total += 1;
  add(tally.steps, current.step?.name ?? outsideSteps);
  add(tally.operations, operation);
}

/** Runs `work` with a run-wide tally of AWS calls, filled in as the calls are made. */
export function countingAwsCalls<T>(tally: AwsCallTally, work: () => Promise<T>): Promise<T> {
  return scope.run({ tally, step: undefined }, work);
}

/** Starts one step's `work`, charging its AWS calls to `name`; `calls()` reads how many it made. */
export function inStepScope<T>(
  name: string,
  work: () => Promise<T>,
): { done: Promise<T>; calls: () => number } {
  const step = { name, calls: 0 };
  const tally = scope.getStore()?.tally;
  return { done: scope.run({ tally, step }, work), calls: () => step.calls };
}
