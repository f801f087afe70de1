#!/bin/sh
# CTest's entry to tokenize-suite.js: skipped (exit 77) with the reason when node or the
# npm packages are missing (.ci/install-deps.sh installs both).
here=$(dirname "$0")/..
command -v node >/dev/null 2>&1 || { echo "skipped: node is not installed"; exit 77; }
[ -d "$here/node_modules/vscode-textmate" ] || { echo "skipped: run 'npm ci' in contrib/vscode"; exit 77; }
exec node "$here/test/tokenize-suite.js" "$@"
