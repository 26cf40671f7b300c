# Sourced by the baseline scripts: the scripted flow stackctl replaces, as its users ran it
# (`aws --endpoint-url`, as awslocal does). STACK names every resource; ENDPOINT is the emulator.
set -euo pipefail
: "${STACK:=perf-baseline}"
: "${ENDPOINT:=http://127.0.0.1:4566}"
: "${REGISTRY:=127.0.0.1:4566}"
: "${AWS_DEFAULT_REGION:=us-east-1}"
export AWS_DEFAULT_REGION AWS_ACCESS_KEY_ID="${AWS_ACCESS_KEY_ID:-test}" AWS_SECRET_ACCESS_KEY="${AWS_SECRET_ACCESS_KEY:-test}"
AWS_BIN="${AWS_BIN:-$(bash "$(dirname "${BASH_SOURCE[0]}")/awscli.sh")}"
awsl() { "$AWS_BIN" --endpoint-url "$ENDPOINT" --output json "$@"; }
TABLE="$STACK-inventory"
BUCKET="$STACK-files"
FUNCTION="$STACK-fn"
REPO="$STACK-fn"
API_NAME="$STACK-api"
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
