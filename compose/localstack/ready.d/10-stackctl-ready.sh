#!/bin/sh
# LocalStack runs the scripts in /etc/localstack/init/ready.d once its services are up;
# /_localstack/init/ready reports completed only after they ran, which is what stackctl waits for.
# This hook announces readiness in the log so `docker compose logs` shows when that happened.
echo "stackctl: LocalStack ready for stack ${STACKCTL_STACK:-unknown} (init hooks done)"
