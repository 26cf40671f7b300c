/** SDK client settings for the emulator: fixed test credentials, region from AWS_REGION or us-east-1. */
export function awsConfig(endpoint: string) {
  return {
    endpoint,
    region: process.env.AWS_REGION ?? "us-east-1",
    credentials: { accessKeyId: "test", secretAccessKey: "test" },
  };
}
