#!/usr/bin/env bash
# Builds the code bundle of both Lambda functions where template.yaml's CodeUri points (.bin/lambda/, git-ignored):
# dist/ compiled by tsc (it keeps the decorator metadata type-graphql needs, which esbuild-style bundlers drop) and
# the production dependencies. Then `sam deploy --guided` zips and uploads that folder; no `sam build` needed.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
out="$root/.bin/lambda"
cd "$root"

npm run --silent build
rm -rf "$out"
mkdir -p "$out"
cp -R dist package.json package-lock.json .npmrc "$out/"
rm -f "$out/dist/.tsbuildinfo"
(cd "$out" && npm ci --omit=dev --ignore-scripts --no-audit --no-fund --loglevel=warn)
# The handlers template.yaml names must load from the bundle alone.
(cd "$out" && node -e "const l = require('./dist/lambda.js'); for (const h of ['etlHandler', 'graphqlHandler']) if (typeof l[h] !== 'function') throw new Error('dist/lambda.js does not export ' + h);")
echo "Lambda bundle: $out ($(du -sh "$out" | cut -f1))"
