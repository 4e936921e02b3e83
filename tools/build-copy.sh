#!/usr/bin/env bash
# For parallel development: build under a lock, then copy the build to .out-NAME so e2e runs are not
# disturbed by someone else's rebuild. Use with: LAVKA_OUT=.out-NAME npx playwright test tests/e2e/x.spec.ts
set -euo pipefail
cd "$(dirname "$0")/.."
name=${1:?usage: tools/build-copy.sh NAME}
flock /tmp/lavka-build.lock bash -c "npx electron-vite build >/tmp/lavka-build-$name.log 2>&1 && rm -rf .out-$name && cp -r out .out-$name" || { tail -30 /tmp/lavka-build-$name.log; exit 1; }
echo "built into .out-$name"
