#!/usr/bin/env bash
# The whole suite on its own fresh servers: installs what is missing, builds (kill tests run
# the compiled apps as child processes), type-checks everything, then jest (unit, then integration with global setup).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/bootstrap.sh --test
npm run --silent build
# The build compiles the apps only; tests and benches are type-checked here (ts-jest does not).
npm run --silent lint:types
npx jest --ci "$@"
