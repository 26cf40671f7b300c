#!/usr/bin/env bash
# REST API, {proxy+} resource, ANY methods, AWS_PROXY integrations, permission, deployment to dev.
source "$(dirname "$0")/env.sh"
fn_arn=$(awsl lambda get-function --function-name "$FUNCTION" --query Configuration.FunctionArn --output text)
uri="arn:aws:apigateway:$AWS_DEFAULT_REGION:lambda:path/2015-03-31/functions/$fn_arn/invocations"
api_id=$(awsl apigateway get-rest-apis --query "items[?name=='$API_NAME'].id | [0]" --output text)
if [[ "$api_id" == "None" || -z "$api_id" ]]; then
  api_id=$(awsl apigateway create-rest-api --name "$API_NAME" --query id --output text)
fi
root_id=$(awsl apigateway get-resources --rest-api-id "$api_id" --query "items[?path=='/'].id | [0]" --output text)
proxy_id=$(awsl apigateway get-resources --rest-api-id "$api_id" --query "items[?path=='/{proxy+}'].id | [0]" --output text)
if [[ "$proxy_id" == "None" || -z "$proxy_id" ]]; then
  proxy_id=$(awsl apigateway create-resource --rest-api-id "$api_id" --parent-id "$root_id" \
    --path-part '{proxy+}' --query id --output text)
fi
for resource in "$root_id" "$proxy_id"; do
  awsl apigateway put-method --rest-api-id "$api_id" --resource-id "$resource" --http-method ANY \
    --authorization-type NONE >/dev/null 2>&1 || true
  awsl apigateway put-integration --rest-api-id "$api_id" --resource-id "$resource" --http-method ANY \
    --type AWS_PROXY --integration-http-method POST --uri "$uri" >/dev/null
done
awsl lambda add-permission --function-name "$FUNCTION" --statement-id "$STACK-apigw" \
  --action lambda:InvokeFunction --principal apigateway.amazonaws.com >/dev/null 2>&1 || true
awsl apigateway create-deployment --rest-api-id "$api_id" --stage-name dev >/dev/null
echo "$ENDPOINT/_aws/execute-api/$api_id/dev/"
