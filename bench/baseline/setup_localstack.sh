#!/usr/bin/env bash
# The table and the bucket, and sample.txt uploaded: create what is missing.
source "$(dirname "$0")/env.sh"
if ! awsl dynamodb describe-table --table-name "$TABLE" >/dev/null 2>&1; then
  awsl dynamodb create-table --table-name "$TABLE" \
    --attribute-definitions AttributeName=sku,AttributeType=S --key-schema AttributeName=sku,KeyType=HASH \
    --billing-mode PAY_PER_REQUEST >/dev/null
  awsl dynamodb wait table-exists --table-name "$TABLE"
fi
if ! awsl s3api head-bucket --bucket "$BUCKET" >/dev/null 2>&1; then
  awsl s3 mb "s3://$BUCKET" >/dev/null
fi
awsl s3 cp "$ROOT/fixtures/files/sample.txt" "s3://$BUCKET/sample.txt" >/dev/null
echo "table $TABLE, bucket $BUCKET, sample.txt uploaded"
