import { expect } from "vitest";

/**
 * What `up` in lambda mode (the default) adds to a result's change lists after table, bucket and
 * fixtures: the function image, its pushed copy, the function and the REST API, in that order.
 */
export function lambdaDeployChanges(stack: string): unknown[] {
  return [
    expect.stringMatching(new RegExp(`^image stackctl/${stack}-function:[0-9a-f]{12}$`)),
    expect.stringMatching(new RegExp(`^pushed image [^ ]+/stackctl/${stack}-function:[0-9a-f]{12}$`)),
    expect.stringMatching(new RegExp(`^function stackctl-${stack}-fn-[0-9a-f]{10}$`)),
    expect.stringMatching(/^rest-api [0-9a-z]+$/),
  ];
}

/**
 * What `down` removes of one lambda deployment after the data steps, in order: the REST API, the
 * function, its log group, the role, the pushed image(s), with --purge the repository, containers
 * left behind, the local image.
 */
export function lambdaDeployRemovals(
  stack: string,
  options: { purge: boolean; containers?: number },
): unknown[] {
  return [
    expect.stringMatching(/^rest-api [0-9a-z]+$/),
    expect.stringMatching(new RegExp(`^function stackctl-${stack}-fn-[0-9a-f]{10}$`)),
    expect.stringMatching(new RegExp(`^log-group /aws/lambda/stackctl-${stack}-fn-[0-9a-f]{10}$`)),
    `role stackctl-${stack}-lambda`,
    `1 pushed image(s) in stackctl/${stack}-function`,
    ...(options.purge ? [`repository stackctl/${stack}-function`] : []),
    // Function containers still there (a dry run deletes no function, so they are still warm).
    ...Array.from({ length: options.containers ?? 0 }, () => expect.stringMatching(/^container /)),
    expect.stringMatching(new RegExp(`^image [^ ]+/stackctl/${stack}-function:[0-9a-f]{12}$`)),
  ];
}
