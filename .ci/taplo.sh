#!/bin/sh
# Check every embedded scenario against the format's JSON Schema
# (docs/scenario.schema.json, named by each file's #:schema line) with Taplo,
# as an editor would, and check that Taplo flags the two mistakes of
# scenarios/testdata/schema-mistakes.toml on their lines. Taplo comes from
# the npm package @taplo/cli, installed into .ci/node when missing.
set -eu
cd "$(dirname "$0")/.."
taplo=.ci/node/node_modules/.bin/taplo
if [ ! -x "$taplo" ]; then
	command -v npm >/dev/null 2>&1 || .ci/deps.sh npm
	npm install --prefix .ci/node --no-audit --no-fund --loglevel=error @taplo/cli@0.7.0
fi
export RUST_LOG=error
"$taplo" check --colors never scenarios/*.toml
bad=scenarios/testdata/schema-mistakes.toml
if out=$("$taplo" check --colors never "$bad" 2>&1); then
	echo "taplo: $bad passed the schema check; it must fail" >&2
	exit 1
fi
for line in 19 20; do
	if ! printf '%s\n' "$out" | grep -q "$bad:$line:"; then
		printf '%s\n' "$out" >&2
		echo "taplo: no problem reported on $bad:$line" >&2
		exit 1
	fi
done
echo "taplo: every embedded scenario matches the schema"
