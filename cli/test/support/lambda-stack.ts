import { expect } from "vitest";

/**
 * How `up --mode lambda` packages on the emulator under test: ministack runs image functions and
 * has ECR; the LocalStack (community) profile does not, so `auto` gives zip there.
 */
export function lambdaPackageUnderTest(): "image" | "zip" {
  return process.env.STACKCTL_EMULATOR === "ministack" ? "image" : "zip";
}

/**
 * What `up` in lambda mode (the default) adds to a result's change lists after table, bucket and
 * fixtures: the function image, its pushed copy, the function and the REST API, in that order.
 */
export function lambdaDeployChanges(stack: string): unknown[] {
  const image = lambdaPackageUnderTest() === "image";
  return [
    ...(image
      ? [
          expect.stringMatching(new RegExp(`^image stackctl/${stack}-function:[0-9a-f]{12}$`)),
          expect.stringMatching(new RegExp(`^pushed image [^ ]+/stackctl/${stack}-function:[0-9a-f]{12}$`)),
        ]
      : []),
    expect.stringMatching(new RegExp(`^function stackctl-${stack}-fn-[0-9a-f]{10}$`)),
    expect.stringMatching(/^rest-api [0-9a-z]+$/),
  ];
}

/**
 * What `down` removes of one lambda deployment after the table and bucket, in order: first what
 * the ledger recorded (in the order it was recorded: the image, with --purge the ECR repository,
 * the role, the function, the REST API), then what the name/label sweeps find (the log group, the
 * pushed images unless --purge took the repository with them, containers left behind, the image's
 * registry tag). A dry run deletes nothing, so the sweeps also find the pushed images.
 */
export function lambdaDeployRemovals(
  stack: string,
  options: { purge: boolean; containers?: number; dryRun?: boolean },
): unknown[] {
  const dryRun = options.dryRun === true;
  // A zip package has no image, repository or pushed images.
  const image = lambdaPackageUnderTest() === "image";
  return [
    ...(image
      ? [
          expect.stringMatching(new RegExp(`^image stackctl/${stack}-function:[0-9a-f]{12}$`)),
          ...(options.purge ? [`repository stackctl/${stack}-function`] : []),
        ]
      : []),
    `role stackctl-${stack}-lambda`,
    expect.stringMatching(new RegExp(`^function stackctl-${stack}-fn-[0-9a-f]{10}$`)),
    // Once, also in a dry run (the sweep by name and tag leaves the recorded API to its remover).
    `rest-api stackctl-${stack}`,
    expect.stringMatching(new RegExp(`^log-group /aws/lambda/stackctl-${stack}-fn-[0-9a-f]{10}$`)),
    ...(!image || (options.purge && !dryRun) ? [] : [`1 pushed image(s) in stackctl/${stack}-function`]),
    // Function containers still there (a dry run deletes no function, so they are still warm).
    ...Array.from({ length: options.containers ?? 0 }, () => expect.stringMatching(/^container /)),
    ...(image
      ? [expect.stringMatching(new RegExp(`^image [^ ]+/stackctl/${stack}-function:[0-9a-f]{12}$`))]
      : []),
  ];
}
