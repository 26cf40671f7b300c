#!/usr/bin/env bash
# Installed by scripts/test-env/localstack.sh as LocalStack's `java` (<FILESYSTEM_ROOT>/usr/lib/
# localstack/java/21/bin/java). LocalStack starts DynamoDB Local as `java … -jar DynamoDBLocal.jar
# -port <n> [-inMemory] …`; DynamoDB Local cannot be downloaded here, so this serves the same port
# with dynalite (npm, this repository's node_modules). @NODE@ and @DYNALITE@ are filled in at install.
port=""
while (($# > 0)); do
  if [[ "$1" == -port ]]; then
    port="${2:-}"
    shift
  fi
  shift
done
[[ -n "$port" ]] || { echo "java shim: no -port given" >&2; exit 2; }
# Zero delays: DynamoDB Local (without -delayTransientStatuses) reports tables ACTIVE at once too.
exec "@NODE@" "@DYNALITE@" --host 127.0.0.1 --port "$port" --createTableMs 0 --deleteTableMs 0 --updateTableMs 0
