import { StackctlError } from "../../src/errors.ts";

/** The StackctlError a promise rejects with; fails the test if it resolves or throws anything else. */
export async function failureOf(promise: Promise<unknown>): Promise<StackctlError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!(error instanceof StackctlError)) throw new Error(`expected a StackctlError, got ${String(error)}`);
  return error;
}
