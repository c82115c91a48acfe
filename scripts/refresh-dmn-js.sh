#!/usr/bin/env bash
# Refreshes the rule editor's copy of dmn-js (MIT, bpmn.io) from npm at a pinned version. The copy
# is committed so that the README's run command works on a machine with only a JDK; nothing is
# loaded from the internet at run time. Change VERSION and run this to upgrade.
set -euo pipefail
VERSION=17.10.2
cd "$(dirname "$0")/.."
target=api/src/main/resources/static/admin/vendor/dmn-js
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent "dmn-js@$VERSION" >/dev/null && tar xzf "dmn-js-$VERSION.tgz")
rm -rf "$target"
mkdir -p "$target"
cp "$work/package/dist/dmn-modeler.production.min.js" "$target/"
cp -r "$work/package/dist/assets" "$target/assets"
cp "$work/package/LICENSE" "$target/LICENSE"
echo "$VERSION" > "$target/VERSION"
echo "dmn-js $VERSION copied to $target"
