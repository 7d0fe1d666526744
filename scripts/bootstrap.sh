#!/usr/bin/env bash
# Installs, idempotently, everything the project needs on a fresh Debian machine:
# nats-server, redis-server, chromium and a Compose CLI (Debian packages), FerretDB v1.24.2 (built from the Go module
# proxy) as the local Mongo endpoint, and the npm dependencies. Skips what is already there.
set -euo pipefail
cd "$(dirname "$0")/.."

FERRETDB_VERSION=v1.24.2
FERRETDB_BIN="${FERRETDB_BIN:-$HOME/.cache/activity-pipeline/bin/ferretdb}"
say() { printf '[bootstrap] %s\n' "$*" >&2; }

missing_pkgs=()
command -v nats-server >/dev/null 2>&1 || missing_pkgs+=(nats-server)
command -v redis-server >/dev/null 2>&1 || missing_pkgs+=(redis-server)
# Headless browser for the dashboard's browser test (playwright-core drives it; no download).
command -v chromium >/dev/null 2>&1 || missing_pkgs+=(chromium)
# A Compose CLI to check docker-compose.yml (test/ops); `config` needs no Docker engine.
docker compose version >/dev/null 2>&1 || command -v docker-compose >/dev/null 2>&1 || missing_pkgs+=(docker-compose)
if [ ${#missing_pkgs[@]} -gt 0 ]; then
  say "installing Debian packages: ${missing_pkgs[*]}"
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing_pkgs[@]}" >/dev/null
fi

if [ -z "${MONGO_URL:-}" ] || [ "${1:-}" = "--test" ]; then
  # The version is read whole before it is matched: `--version | grep -q` under pipefail failed
  # now and then (grep exits at the first match, ferretdb dies of SIGPIPE) and rebuilt the binary.
  installed_version="$("$FERRETDB_BIN" --version 2>/dev/null || true)"
  if ! [ -x "$FERRETDB_BIN" ] || [[ "$installed_version" != *"$FERRETDB_VERSION"* ]]; then
    command -v go >/dev/null 2>&1 || { say "Go is required to build FerretDB (apt-get install golang, or set MONGO_URL)"; exit 1; }
    say "building FerretDB $FERRETDB_VERSION (one time, ~2 min)"
    build_dir="$(mktemp -d)"
    # `go install pkg@version` is refused here (the proxy will not list versions), and a plain
    # module build needs version.txt, which FerretDB's release tooling normally generates.
    (
      cd "$build_dir"
      go mod init ferretdb-build >/dev/null 2>&1
      go get "github.com/FerretDB/FerretDB/cmd/ferretdb@$FERRETDB_VERSION" >/dev/null 2>&1
      src="$(go list -m -f '{{.Dir}}' github.com/FerretDB/FerretDB)"
      cp -r "$src" "$build_dir/src" && chmod -R u+w "$build_dir/src"
      echo "$FERRETDB_VERSION" > "$build_dir/src/build/version/version.txt"
      cd "$build_dir/src" && go build -o "$build_dir/ferretdb" ./cmd/ferretdb
    )
    mkdir -p "$(dirname "$FERRETDB_BIN")"
    mv "$build_dir/ferretdb" "$FERRETDB_BIN"
    rm -rf "$build_dir"
  fi
fi

# Install only when the lockfile changed since the last install. `npm install` rather than
# `npm ci`: npm 11 rejects this lockfile in ci mode over @swc/core's other-platform optional
# packages, while install honours the locked versions all the same.
if ! [ -d node_modules ] || ! cmp -s package-lock.json node_modules/.ap-installed-lock 2>/dev/null; then
  say "installing npm dependencies"
  ONNXRUNTIME_NODE_INSTALL=skip npm install --no-audit --no-fund --loglevel=error
  cp package-lock.json node_modules/.ap-installed-lock
fi
