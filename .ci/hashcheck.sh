#!/usr/bin/env bash
# Cross-architecture determinism check.
#
# Builds the sim/runner test binary for amd64, amd64 with GOAMD64=v3 (where
# Go may fuse multiply-adds), a 32-bit target (32-bit int) and arm64 (fused
# multiply-adds, run under qemu-aarch64), all with CGO_ENABLED=0, runs its
# TestPrintHashes (the state hash after every turn of every embedded
# scenario at seeds 1-3, and of a hand-built scenario under random orders)
# under two time zones far apart, and compares every output with the first.
# Prints the first differences and exits 1 on any mismatch.
#
# The 32-bit target is 386 where this machine runs 386 binaries, else 32-bit
# arm (GOARCH=arm) under qemu-arm: many VMs' kernels cannot execute 32-bit
# x86 binaries ("Exec format error"), and qemu-i386 cannot run Go's runtime
# there either. The script says which it used; when neither can run, it
# fails: the 32-bit check is never skipped.
#
# Usage: .ci/hashcheck.sh [turns]   (turns per run; default: whole runs)
# HASHCHECK_FORCE_32=arm (or 386) picks the 32-bit target instead of probing.
set -euo pipefail

cd "$(dirname "$0")/.."
turns="${1:-0}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

zones=(Pacific/Kiritimati America/Los_Angeles)

build() {
	local name="$1" goarch="$2" goamd64="${3:-v1}"
	CGO_ENABLED=0 GOOS=linux GOARCH="$goarch" GOAMD64="$goamd64" GOARM=7 \
		go test -c -o "$work/runner-$name.test" ./sim/runner
}

force32="${HASHCHECK_FORCE_32:-}"
case "$force32" in
"" | 386 | arm) ;;
*)
	echo "hashcheck: HASHCHECK_FORCE_32=$force32: want 386 or arm" >&2
	exit 2
	;;
esac

echo "hashcheck: building test binaries for amd64 amd64-v3 arm64 and a 32-bit target"
build amd64 amd64 v1 &
build amd64-v3 amd64 v3 &
build arm64 arm64 &
if [ "$force32" != arm ]; then
	build 386 386 &
fi
for job in $(jobs -p); do
	wait "$job"
done

# runner prints how a binary is started on this machine, or nothing if it
# cannot run here.
runner() {
	local name="$1" host
	host="$(uname -m)"
	case "$name" in
	amd64 | 386)
		[ "$host" = x86_64 ] && echo "" && return 0
		;;
	amd64-v3)
		if [ "$host" = x86_64 ] && grep -qw avx2 /proc/cpuinfo && grep -qw bmi2 /proc/cpuinfo && grep -qw fma /proc/cpuinfo; then
			echo "" && return 0
		fi
		# an older CPU: emulate one that has AVX2, BMI2 and FMA
		if command -v qemu-x86_64 >/dev/null; then
			echo "qemu-x86_64 -cpu max" && return 0
		fi
		;;
	arm)
		if [ "$host" = armv7l ] || [ "$host" = armv8l ]; then
			echo "" && return 0
		fi
		if command -v qemu-arm >/dev/null; then
			echo "qemu-arm" && return 0
		fi
		if command -v qemu-arm-static >/dev/null; then
			echo "qemu-arm-static" && return 0
		fi
		;;
	arm64)
		if [ "$host" = aarch64 ]; then
			echo "" && return 0
		fi
		if command -v qemu-aarch64 >/dev/null; then
			echo "qemu-aarch64" && return 0
		fi
		if command -v qemu-aarch64-static >/dev/null; then
			echo "qemu-aarch64-static" && return 0
		fi
		;;
	esac
	return 1
}

# The 32-bit target: 386 if its binary runs here (or is forced), else arm.
bits32=386
if [ "$force32" = arm ]; then
	bits32=arm
	why="HASHCHECK_FORCE_32=arm"
elif [ "$force32" = 386 ]; then
	why="HASHCHECK_FORCE_32=386"
elif probe="$("$work/runner-386.test" -test.run '^$' 2>&1)"; then
	why="this machine runs 386 binaries"
else
	bits32=arm
	why="this machine cannot run 386 binaries: $(printf '%s' "$probe" | head -n 1)"
fi
if [ "$bits32" = arm ]; then
	build arm arm
fi
if prefix32="$(runner "$bits32")"; then
	echo "hashcheck: 32-bit target: $bits32${prefix32:+ under $prefix32} ($why)"
else
	echo "hashcheck: 32-bit target: $bits32 cannot run on this machine ($why); install qemu-user (make deps-test)" >&2
	exit 1
fi
targets=(amd64 amd64-v3 "$bits32" arm64)

outputs=()
for name in "${targets[@]}"; do
	if ! prefix="$(runner "$name")"; then
		echo "hashcheck: cannot run $name binaries on this machine" >&2
		exit 1
	fi
	for zone in "${zones[@]}"; do
		if [ ! -e "/usr/share/zoneinfo/$zone" ]; then
			echo "hashcheck: time zone $zone is not installed (apt-get install tzdata)" >&2
			exit 1
		fi
		out="$work/$name-${zone//\//_}.out"
		# shellcheck disable=SC2086 # prefix is empty or a command and its flags
		if ! TZ="$zone" DECONFLICT_HASHES=1 DECONFLICT_HASH_TURNS="$turns" \
			$prefix "$work/runner-$name.test" -test.run '^TestPrintHashes$' -test.v -test.count=1 >"$out.raw" 2>&1; then
			echo "hashcheck: $name under TZ=$zone failed:" >&2
			tail -n 20 "$out.raw" >&2
			exit 1
		fi
		grep -E '^(scenario|hash|final|derive) ' "$out.raw" >"$out" || true
		seen="$(grep -m1 '^zone ' "$out.raw" || true)"
		printf 'hashcheck: %-9s TZ=%-20s %7d lines (%s)\n' "$name" "$zone" "$(wc -l <"$out")" "$seen"
		outputs+=("$out")
	done
done

base="${outputs[0]}"
if [ ! -s "$base" ]; then
	echo "hashcheck: the first run printed no hashes" >&2
	exit 1
fi
status=0
for out in "${outputs[@]:1}"; do
	if ! cmp -s "$base" "$out"; then
		echo "hashcheck: MISMATCH between $(basename "$base" .out) and $(basename "$out" .out); first differences:" >&2
		diff "$base" "$out" | head -n 20 >&2 || true
		status=1
	fi
done
if [ "$status" -eq 0 ]; then
	echo "hashcheck: all ${#outputs[@]} runs agree ($(wc -l <"$base") lines)"
fi
exit "$status"
