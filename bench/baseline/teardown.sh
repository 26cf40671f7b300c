#!/usr/bin/env bash
# Removes everything the baseline scripts made (the bench runs it between cold runs and at the end).
source "$(dirname "$0")/env.sh"
for api_id in $(awsl apigateway get-rest-apis --query "items[?name=='$API_NAME'].id" --output text); do
  awsl apigateway delete-rest-api --rest-api-id "$api_id" >/dev/null 2>&1 || true
done
awsl lambda delete-function --function-name "$FUNCTION" >/dev/null 2>&1 || true
awsl ecr delete-repository --repository-name "$REPO" --force >/dev/null 2>&1 || true
awsl s3 rb "s3://$BUCKET" --force >/dev/null 2>&1 || true
awsl dynamodb delete-table --table-name "$TABLE" >/dev/null 2>&1 || true
docker rmi -f "$REPO:latest" "$REGISTRY/$REPO:latest" >/dev/null 2>&1 || true
