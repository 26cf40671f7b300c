import { errorName, httpStatus } from "../shared/error-shape.ts";

/** The SDK's "does not exist" answers of ECR, Lambda, IAM and CloudWatch Logs, in one place. */
export function isNotFound(error: unknown): boolean {
  const name = errorName(error);
  return (
    name === "ResourceNotFoundException" ||
    name === "RepositoryNotFoundException" ||
    name === "NoSuchEntityException" ||
    name === "NoSuchEntity" ||
    name === "NotFoundException" ||
    httpStatus(error) === 404
  );
}
