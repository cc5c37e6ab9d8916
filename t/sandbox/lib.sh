# Sourced by the hostile-guest scripts (t/sandbox/hNN_x.sh runs t/sandbox/gNN_x.elf): a scratch
# tree with a secret the guest must never read or change (outside/), the writable tree
# (work/, the cwd of every run) and a read-only one (ro/); running the guest; assertions on
# its output and on the host afterwards. Every script ends with `finish`.
set -u
: "${RVEMU:?RVEMU must name the rvemu binary}"
top_builddir=${top_builddir:-.}
name=$(basename "$0" .sh)
elf=$(cd "$top_builddir/t/sandbox" 2>/dev/null && pwd)/g${name#h}.elf
[ -x "$elf" ] || { echo "$name: $elf not built" >&2; exit 99; }
T=$(mktemp -d) || exit 99
trap 'kill $bg_pids 2>/dev/null; rm -rf "$T"' EXIT
bg_pids=""
mkdir -p "$T/outside" "$T/work" "$T/ro"
secret="TOP-SECRET-$$"
echo "$secret" >"$T/outside/secret"
echo "read-only data" >"$T/ro/file"
echo "work data" >"$T/work/ok.txt"
STRICT="--sandbox=strict --allow-write=$T/work --allow-read=$T/ro -d guest_errors"
fail=0

# run RVEMU-OPTIONS... PROGRAM ARGS...: in work/, stdin /dev/null; $T/out, $T/err, $st
# The whole script runs once per engine: the interpreter, then (when built) the JIT forced on
# every block; finish() starts the next pass.
sbx_mode=${RVEMU_SBX_MODE:---no-jit}
run() {
  # without the seccomp filter rvemu refuses strict (checked by t/cli/sandbox_opts.sh)
  if [ "${RVEMU_SECCOMP:-}" != yes ] && [ "$1" = --sandbox=strict ]; then
    echo "SKIP $name: rvemu built without the seccomp filter refuses --sandbox=strict"
    exit 77
  fi
  (cd "$T/work" && exec "$RVEMU" $sbx_mode "$@") </dev/null >"$T/out" 2>"$T/err"
  st=$?
}
bad() {
  echo "FAIL $name: $*"
  fail=1
}
# an exact line of the output
expect() {
  grep -qxF -- "$1" "$T/out" || bad "missing line: $1"
}
# a line of the output matching an extended regular expression
expect_re() {
  grep -qxE -- "$1" "$T/out" || bad "no line matching: $1"
}
# text that must appear nowhere, output or messages
absent() {
  ! grep -qF -- "$1" "$T/out" "$T/err" || bad "found: $1"
}
# text the messages (stderr: -d guest_errors, rvemu's own) must hold
in_err() {
  grep -qF -- "$1" "$T/err" || bad "no message: $1"
}
status() {
  [ "$st" = "$1" ] || bad "exit status $st, expected $1"
}
no_file() {
  [ ! -e "$1" ] && [ ! -L "$1" ] || bad "$1 exists: a host side effect"
}
# exits 77 (skip) unless rvemu has the seccomp filter
need_seccomp() {
  if [ "${RVEMU_SECCOMP:-}" != yes ]; then
    echo "SKIP $name: rvemu built without the seccomp filter"
    exit 77
  fi
}
finish() {
  if [ $fail = 0 ] && [ "$sbx_mode" = --no-jit ] && [ -n "${RVEMU_JIT_MODES:-}" ]; then
    kill $bg_pids 2>/dev/null
    rm -rf "$T"
    RVEMU_SBX_MODE=--jit-threshold=0 exec sh "$0"
  fi
  if [ $fail = 0 ]; then
    echo "PASS $name ($sbx_mode)"
  else
    echo "--- engine: $sbx_mode; last output:"; sed 's/^/  /' "$T/out"; echo "--- last stderr:"; head -20 "$T/err" | sed 's/^/  /'
  fi
  exit $fail
}
