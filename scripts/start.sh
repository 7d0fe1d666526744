#!/usr/bin/env bash
# `npm start`: install what is missing, build, then run the local stack (tools/stack/start.ts).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/bootstrap.sh
npm run --silent build
exec node dist/tools/stack/start.js "$@"
