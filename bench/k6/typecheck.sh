#!/bin/sh
# Typechecks voice-live.js against @types/k6 (k6 itself cannot run on the dev machines). Installs
# @types/k6 into a throwaway folder, so the workspace's dependencies stay as they are.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
npm init -y >/dev/null 2>&1
npm install --no-audit --no-fund --silent @types/k6@2 >/dev/null
cp "$here/voice-live.js" "$here/tsconfig.check.json" .
"$root/node_modules/.bin/tsc" -p tsconfig.check.json
echo "voice-live.js: typecheck ok (@types/k6 $(node -p "require('./node_modules/@types/k6/package.json').version"))"
