#!/usr/bin/env bash
# `npm start`: install what is missing, build, then run the local stack (tools/stack/start.ts).
set -euo pipefail
cd "$(dirname "$0")/.."
# Options and another running start first, with the last build when none of the code it checks
# with changed since (none in a fresh checkout; an older one could refuse an option added since):
# --help, a mistake or a start already running answer at once, and a refused start rebuilds nothing
# under the running one. Only --help writes on stdout: then that answer is all. The bundles are the
# build's last step, rewritten every time (tsc leaves an output it would not change as it was).
preflight=dist/tools/stack/start-preflight.js
built=dist/bundles/gateway.js
if [ -f "$preflight" ] && [ -f "$built" ] && [ -z "$(find tools/stack tools/infra/src libs/command-line/src libs/config/src -name '*.ts' -newer "$built" -print -quit)" ]; then
  answer=$(node "$preflight" "$@")
  if [ -n "$answer" ]; then printf '%s\n' "$answer"; exit 0; fi
fi
# Their lines on stderr, as scripts/run-tool.sh's build: stdout is the stack's own answer (--help's usage).
bash scripts/bootstrap.sh >&2
npm run --silent build >&2
exec node dist/tools/stack/start.js "$@"
