#!/usr/bin/env bash
# `npm run <command> -- ARGS` for the commands that run a compiled tool (package.json):
#   bash scripts/run-tool.sh [NODE_FLAGS] dist/…/tool.js ARGS
# Builds first only when there is no build or a source changed since the last one: they built
# every time (15 s, 90 s on a busy machine) before reading their options, so --help or a misspelt
# flag waited for a build. The build's lines go to stderr: a tool's stdout is its answer alone
# (`npm run -s model:eval -- --json > report.json` wrote "bundle …" lines before the JSON).
set -euo pipefail
# Where the user's relative paths are from (libs/command-line/src/file-arguments.ts): npm sets it; run by hand, here.
export INIT_CWD="${INIT_CWD:-$PWD}"
cd "$(dirname "$0")/.."
# The build's last step (the app bundles, gateway's last) rewrites it every time; a build that
# failed part way leaves it older than the sources, so the next command builds again.
stamp=dist/bundles/gateway.js
# The sources: the TypeScript the build compiles and what it is compiled with (a tool's own output,
# bench/results/*.json, is none).
stale() {
  [ ! -f "$stamp" ] && return 0
  local dirs=() files=()
  for dir in apps libs tools bench scripts types; do [ -d "$dir" ] && dirs+=("$dir"); done
  for file in package.json package-lock.json tsconfig.json tsconfig.build.json node_modules/.package-lock.json; do [ -f "$file" ] && files+=("$file"); done
  [ -n "$(find "${dirs[@]}" -name '*.ts' ! -name '*.spec.ts' -newer "$stamp" -print -quit)$(find "${files[@]}" -newer "$stamp" -print -quit)" ]
}
if stale; then
  echo "the sources changed since the last build (or there is none): npm run build first" >&2
  npm run --silent build >&2
fi
exec node "$@"
