#!/usr/bin/env bash
# ECR repository, docker build, tag, push, create or update the function, wait.
source "$(dirname "$0")/env.sh"
: "${LAMBDA_BASE_IMAGE:=public.ecr.aws/lambda/nodejs:22}"
(cd "$ROOT/service" && node scripts/build.mjs >/dev/null)
awsl ecr describe-repositories --repository-names "$REPO" >/dev/null 2>&1 ||
  awsl ecr create-repository --repository-name "$REPO" >/dev/null
docker build -q -f "$ROOT/service/Dockerfile.lambda" --build-arg "LAMBDA_BASE_IMAGE=$LAMBDA_BASE_IMAGE" \
  -t "$REPO:latest" "$ROOT/service" >/dev/null
uri="$REGISTRY/$REPO:latest"
docker tag "$REPO:latest" "$uri"
docker push -q "$uri" >/dev/null
env_vars="Variables={TABLE_NAME=$TABLE,S3_BUCKET=$BUCKET}"
if awsl lambda get-function --function-name "$FUNCTION" >/dev/null 2>&1; then
  awsl lambda update-function-code --function-name "$FUNCTION" --image-uri "$uri" >/dev/null
  awsl lambda wait function-updated --function-name "$FUNCTION"
else
  awsl lambda create-function --function-name "$FUNCTION" --package-type Image --code "ImageUri=$uri" \
    --role arn:aws:iam::000000000000:role/lambda-role --timeout 30 --memory-size 512 \
    --environment "$env_vars" >/dev/null
  awsl lambda wait function-active --function-name "$FUNCTION"
fi
echo "function $FUNCTION from $uri"
