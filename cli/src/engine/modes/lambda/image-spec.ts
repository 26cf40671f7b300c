import type { ImageTarget } from "../../image/ensure-image.ts";

/** The function image lambda mode pushes: `service/Dockerfile.lambda` on the Lambda Node base. */
export const functionImage: ImageTarget = {
  name: "lambda",
  dockerfile: "Dockerfile.lambda",
  repository: "function",
  buildArg: "LAMBDA_BASE_IMAGE",
  baseImage: (config) => config.lambdaBaseImage,
  setting: "STACKCTL_LAMBDA_BASE_IMAGE (config lambdaBaseImage)",
};
