#!/bin/sh
# The benchmark workloads as a correctness test: each runs ONCE at its tiny size (from
# bench/workloads) natively, under rvemu (--no-jit, the default engine, and any modes in
# RVEMU_EXTRA_MODES) and under qemu-riscv64 when installed; the one checksum line must be
# the same everywhere. No timing. Run by `make check` with RVEMU, QEMU_RISCV64, top_srcdir
# and top_builddir set; exit 77 (skip) when the programs were not built.
set -u
: "${top_srcdir:=$(cd "$(dirname "$0")/.." && pwd)}"
: "${top_builddir:=.}"
: "${RVEMU:=$top_builddir/rvemu}"
bin=$top_builddir/bench
list=$top_srcdir/bench/workloads
[ -f "$list" ] || { echo "check: $list missing" >&2; exit 99; }
[ -x "$RVEMU" ] || { echo "check: $RVEMU not built" >&2; exit 77; }
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
fail=0
count=0

# run LABEL NAME SIZE COMMAND...: runs the command, checks status 0 and one checksum line.
run() {
	label=$1 name=$2 size=$3
	shift 3
	(cd "$tmp" && "$@" "$size" >"$tmp/out" 2>"$tmp/err" </dev/null)
	st=$?
	got=$(cat "$tmp/out")
	if [ "$st" != 0 ]; then
		echo "FAIL [$label] $name $size: exit status $st"
		sed 's/^/  stderr: /' "$tmp/err" | head -10
		fail=1
	elif [ "$(wc -l <"$tmp/out")" != 1 ] ||
	     ! printf '%s\n' "$got" | grep -Eq "^$name n=$size checksum=[0-9a-f]{16}\$"; then
		echo "FAIL [$label] $name $size: not one checksum line:"
		sed 's/^/  stdout: /' "$tmp/out" | head -10
		fail=1
	elif [ "$got" != "$want" ]; then
		echo "FAIL [$label] $name $size: '$got', native '$want'"
		fail=1
	fi
}

while read -r name size _; do
	case $name in ''|'#'*) continue ;; esac
	elf=$bin/src/$name.elf
	native=$bin/native/$name
	if [ ! -x "$elf" ] || [ ! -x "$native" ]; then
		echo "check: $elf or $native not built" >&2
		exit 99
	fi
	want=$("$native" "$size")
	case $want in
	"$name n=$size checksum="*) ;;
	*) echo "FAIL [native] $name: bad output '$want'"; fail=1; continue ;;
	esac
	run interp "$name" "$size" "$RVEMU" --no-jit "$elf"
	run default "$name" "$size" "$RVEMU" "$elf"
	for mode in ${RVEMU_EXTRA_MODES:-}; do
		run "$mode" "$name" "$size" "$RVEMU" "$mode" "$elf"
	done
	if [ -n "${QEMU_RISCV64:-}" ]; then
		run qemu "$name" "$size" "$QEMU_RISCV64" "$elf"
	fi
	count=$((count + 1))
	echo "$want"
done <"$list"
[ "$count" -gt 0 ] || { echo "check: no workloads in $list" >&2; exit 99; }
[ $fail = 0 ] && echo "PASS $count workloads agree (native, rvemu${QEMU_RISCV64:+, qemu})"
exit $fail
