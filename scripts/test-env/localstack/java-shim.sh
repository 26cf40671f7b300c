#!/bin/sh
# Installed by scripts/test-env as LocalStack's `java` (<static libs>/java/21/bin/java, on the host
# and in the stand-in image, which has no bash). LocalStack starts DynamoDB Local as
# `java … -jar DynamoDBLocal.jar -port <n> [-inMemory] …`; DynamoDB Local cannot be downloaded here,
# so this serves the same port with dynalite (npm). @NODE@ and @DYNALITE@ are filled in at install.
port=""
while [ $# -gt 0 ]; do
  if [ "$1" = -port ]; then
    port="$2"
    shift
  fi
  shift
done
if [ -z "$port" ]; then
  echo "java shim: no -port given" >&2
  exit 2
fi
# Zero delays: DynamoDB Local (without -delayTransientStatuses) reports tables ACTIVE at once too.
exec "@NODE@" "@DYNALITE@" --host 127.0.0.1 --port "$port" --createTableMs 0 --deleteTableMs 0 --updateTableMs 0
