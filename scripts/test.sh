#!/usr/bin/env bash
# The whole suite on its own fresh servers: installs what is missing, builds (kill tests run
# the compiled apps as child processes), then jest (unit, then integration with global setup).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/bootstrap.sh --test
npm run --silent build
npx jest --ci "$@"
