/** The API Gateway integration URI that invokes a Lambda function (AWS_PROXY). */
export function lambdaUri(functionArn: string, region: string): string {
  return `arn:aws:apigateway:${region}:lambda:path/2015-03-31/functions/${functionArn}/invocations`;
}
