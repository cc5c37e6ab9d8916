#!/bin/sh
# Cross build of rvemu for another Linux host, and the guest tests (t/isa, t/guest) run with
# that rvemu under QEMU's user mode: a nested emulation (riscv64 guest on rvemu on
# qemu-aarch64 on this machine), so the JIT's stencils, extractor and patcher for that host
# are exercised without the hardware.
#
#   tools/cross-check.sh [-q|--quick] [-j N] HOST_TRIPLE      e.g. aarch64-linux-gnu
#
# Configures (out of tree) with --host=HOST_TRIPLE CC=HOST_TRIPLE-gcc --without-seccomp
# --enable-werror in $BUILD_DIR (default ./cross-HOST_TRIPLE), builds rvemu and the riscv64
# guest programs, checks the JIT with --stats on one program, then runs each test with
# t/run-guest in the interpreter (--no-jit) and with --jit-threshold=0 (every block compiled),
# without the qemu-riscv64 oracle. --quick runs a small subset (CI); without it, every .elf
# test of t/isa and t/guest. Prints a summary; exits non-zero on any failure.
#
# Environment: BUILD_DIR, JOBS (default 2), CONFIGURE_FLAGS (more configure options),
# CROSS_RVEMU_OPTS (rvemu options for every run, default -R 4G under qemu on a 64-bit host,
# none on a 32-bit one or under CROSS_RUNNER; see below),
# RVEMU_EXTRA_MODES (default --jit-threshold=0 where the JIT is built for HOST, else none),
# CROSS_TIMEOUT (seconds per test, default 900), CROSS_TESTS (the tests to run, paths
# relative to the build directory, overriding the set).
# CROSS_RUNNER: for HOST riscv64-linux-gnu, the path of a native rvemu (e.g. ./rvemu of the
# build directory) to run the cross rvemu under it instead of qemu-riscv64: rvemu running
# rvemu, which tests both the riscv64 host code and everything the outer rvemu gives a
# demanding guest (a PROT_NONE reservation, SIGSEGV handlers, threads, execve of itself).
# CROSS_RUNNER_OPTS: options for that outer rvemu.
# The packages: gcc-HOST_TRIPLE and libc6-dev-ARCH-cross, qemu-user (tools/bootstrap.sh
# installs them). The seccomp filter is left out (--without-seccomp): a filter for the
# target's syscalls would kill QEMU, which makes its own host syscalls.
# shellcheck disable=SC3013,SC2015,SC2016,SC2086,SC2116
# (-nt as tools/bootstrap.sh uses it; unquoted lists and $(echo $x) split words on purpose)
set -u
me=cross-check
usage() {
  echo "usage: $0 [-q|--quick] [-j N] HOST_TRIPLE   (e.g. aarch64-linux-gnu)" >&2
  exit 2
}
quick=0
jobs=${JOBS:-2}
while [ $# -gt 0 ]; do
  case $1 in
    -q|--quick) quick=1 ;;
    -j) [ $# -ge 2 ] || usage; jobs=$2; shift ;;
    -j*) jobs=${1#-j} ;;
    -h|--help) usage ;;
    -*) echo "$me: unknown option '$1'" >&2; usage ;;
    *) break ;;
  esac
  shift
done
[ $# = 1 ] && [ -n "$1" ] || usage
host=$1
cpu=${host%%-*}

srcdir=$(cd "$(dirname "$0")/.." && pwd)
build=${BUILD_DIR:-$(pwd)/cross-$host}
mkdir -p "$build" && build=$(cd "$build" && pwd) || exit 1
[ "$build" != "$srcdir" ] || { echo "$me: the build directory must not be the source tree" >&2; exit 1; }

# ---- tools --------------------------------------------------------------------------
cc=${CROSS_CC:-$host-gcc}
runner=${CROSS_RUNNER:-}
command -v "$cc" >/dev/null 2>&1 ||
  { echo "$me: $cc not found (Debian: gcc-$host; tools/bootstrap.sh installs it for aarch64)" >&2; exit 1; }
if [ -n "$runner" ]; then
  [ "$cpu" = riscv64 ] || { echo "$me: CROSS_RUNNER (an rvemu) runs riscv64 programs only" >&2; exit 1; }
  [ -x "$runner" ] && runner=$(cd "$(dirname "$runner")" && pwd)/$(basename "$runner") ||
    { echo "$me: CROSS_RUNNER $runner is not an executable" >&2; exit 1; }
  qemu=$runner; runner_name="$runner (rvemu)"
else
  qemu=$(command -v "qemu-$cpu" 2>/dev/null) || qemu=""
  [ -n "$qemu" ] || { echo "$me: qemu-$cpu not found (Debian: qemu-user)" >&2; exit 1; }
  runner_name=$(basename "$qemu")
fi
command -v riscv64-linux-gnu-gcc >/dev/null 2>&1 ||
  { echo "$me: riscv64-linux-gnu-gcc not found: run tools/bootstrap.sh" >&2; exit 1; }

# ---- configure ------------------------------------------------------------------------
# A VPATH build needs a source tree not configured in place; when it is (tools/bootstrap.sh
# configures in place), the sources are the distribution's, copied by 'make distdir' into the
# build directory (timestamps kept, so a rerun rebuilds only what changed).
if [ -f "$srcdir/config.status" ]; then
  echo "== make distdir (the source tree is configured in place)"
  make -s -C "$srcdir" distdir distdir="$build/rvemu-src" >"$build/distdir.out" 2>&1 ||
    { tail -n 20 "$build/distdir.out"; echo "$me: make distdir failed" >&2; exit 1; }
  confsrc=$build/rvemu-src
else
  # the generated files as tools/bootstrap.sh makes them: autoreconf when configure is
  # missing or older than its sources
  if ! { [ -x "$srcdir/configure" ] && [ "$srcdir/configure" -nt "$srcdir/configure.ac" ] &&
         [ "$srcdir/configure" -nt "$srcdir/Makefile.am" ]; }; then
    echo "== autoreconf"
    (cd "$srcdir" && autoreconf -fi) || exit 1
  fi
  confsrc=$srcdir
fi
# pkg-config must not find the build machine's libraries (Check): only the target's .pc files.
pcdir=/usr/lib/$host/pkgconfig
set -- --host="$host" CC="$cc" CC_FOR_BUILD="${CC_FOR_BUILD:-cc}" --without-seccomp \
  --enable-werror PKG_CONFIG_LIBDIR="$pcdir:/usr/share/pkgconfig" ${CONFIGURE_FLAGS:-}
stamp="$build/.cross-configure"
if ! [ -f "$build/config.status" ] || ! [ "$build/config.status" -nt "$confsrc/configure" ] ||
   ! [ -f "$stamp" ] || [ "$(cat "$stamp")" != "$*" ]; then
  echo "== configure $*"
  (cd "$build" && "$confsrc/configure" "$@" >configure.out 2>&1) ||
    { tail -n 30 "$build/configure.out"; echo "$me: configure failed (see $build/configure.out, config.log)" >&2; exit 1; }
  echo "$*" >"$stamp"
  sed -n '/configured:$/,$p' "$build/configure.out"
fi
# The JIT exists for x86-64 and aarch64; elsewhere (armhf) the interpreter alone is checked,
# once per test.
has_jit=0
if grep -q '^#define RV_JIT 1' "$build/config.h"; then has_jit=1
else
  case $cpu in
    x86_64|aarch64)
      echo "$me: warning: the JIT is not enabled for $host (configure: $(grep 'JIT:' "$build/configure.out" 2>/dev/null))" >&2 ;;
    *) echo "== interpreter only: rvemu has no JIT for $cpu" ;;
  esac
fi

# ---- the test set -----------------------------------------------------------------------
# Every .elf test of t/isa and t/guest, as the Makefile lists them in GUEST_ELFS.
all_tests=$(cd "$build" && printf 'cross-print-guest-elfs:\n\t@echo $(GUEST_ELFS)\n' |
  make -s -f Makefile -f - cross-print-guest-elfs) || exit 1
all_tests=$(for t in $all_tests; do case $t in t/isa/*.elf|t/guest/*.elf) echo "$t" ;; esac; done)
quick_tests="t/isa/rv64i_alu.elf t/isa/rv64i_branch.elf t/isa/rv64m.elf t/isa/rv64a.elf
  t/isa/zbb.elf t/isa/rvc.elf t/isa/trap_illegal.elf
  t/guest/hello.elf t/guest/int_ops.elf t/guest/fp_ops.elf t/guest/atomics.elf
  t/guest/task_pthreads.elf t/guest/segv.elf t/guest/code_change.elf"
if [ -n "${CROSS_TESTS:-}" ]; then tests=$CROSS_TESTS
elif [ $quick = 1 ]; then tests=$quick_tests
else tests=$all_tests
fi
# Tests that cannot pass under qemu-user whatever rvemu does (they fail the same in --no-jit):
# skipped unless CROSS_NO_SKIP=1. The reasons, as seen with qemu 7.2 (aarch64 and s390x alike):
#  task_exec: rvemu execve()s itself (/proc/self/exe), a foreign binary the kernel cannot run
#    without a binfmt_misc entry for qemu (ENOEXEC);
#  shim_proc*: qemu fakes /proc/self/{maps,auxv,cmdline} (not procfs files), so rvemu's
#    rewriting of its own /proc files does not recognise them and passes qemu's view through;
#  shim_strict: qemu's recvmsg loses MSG_CTRUNC when the control buffer is too small (not on
#    a 32-bit host, where rvemu converts control messages and truncates them itself).
# (task_cancel passes since rvemu carries glibc's signals 32 and 33 on the highest host
# signals it can send, below the ones qemu keeps.)
skip_tests="t/guest/task_exec.elf t/guest/shim_proc.elf t/guest/shim_proc.dyn.elf
  t/guest/shim_proc_strict.elf t/guest/shim_proc_strict.dyn.elf"
grep -q '^#define SIZEOF_VOID_P 4' "$build/config.h" ||
  skip_tests="$skip_tests t/guest/shim_strict.elf t/guest/shim_strict.dyn.elf"
# Under an outer rvemu instead, only: shim_proc*: the outer, like qemu, gives its guest (the
# inner rvemu) /proc/self/{maps,auxv,cmdline} as in-memory files, not procfs ones, so the
# inner does not recognise them as its own and passes the outer's view through.
[ -z "$runner" ] || skip_tests="t/guest/shim_proc.elf t/guest/shim_proc.dyn.elf
  t/guest/shim_proc_strict.elf t/guest/shim_proc_strict.dyn.elf"
skipped=""
if [ -z "${CROSS_NO_SKIP:-}" ]; then
  keep=""
  for t in $tests; do
    case " $(echo $skip_tests) " in *" $t "*) skipped="$skipped $t" ;; *) keep="$keep $t" ;; esac
  done
  tests=$keep
fi
tests=$(echo $tests)
[ -n "$tests" ] || { echo "$me: no tests" >&2; exit 1; }

# ---- build -------------------------------------------------------------------------------
echo "== make -j$jobs rvemu and $(echo "$tests" | wc -w) guest programs"
(cd "$build" && make -j"$jobs" && make -j"$jobs" t/guest/hello.elf $tests) >"$build/make.out" 2>&1 ||
  { grep -E 'error|warning' "$build/make.out" | head -n 40; tail -n 20 "$build/make.out"
    echo "$me: build failed (see $build/make.out)" >&2; exit 1; }
# (-Werror: rvemu has none; the guest programs' links may warn)
if grep -Eq '\.[ch]:[0-9]+:[0-9]+: warning:' "$build/make.out"; then
  echo "$me: compiler warnings:"; grep -E '\.[ch]:[0-9]+:[0-9]+: warning:' "$build/make.out" | sort -u | head -n 20
fi

# The rvemu that t/run-guest runs: the cross-built one under qemu (with the target's sysroot
# when it is linked dynamically).
sysroot=""
if "$host-readelf" -l "$build/rvemu" 2>/dev/null | grep -q 'Requesting program interpreter'; then
  sysroot="-L /usr/$host"
fi
# Not a shell script: sh would add PWD to the environment t/run-guest empties (env -i), which
# the guest sees (t/guest/args counts its variables); perl (perl-base) passes it through.
# rvemu's options first: by default a 4G guest address space (-R), since qemu-user pays for
# every page of rvemu's 256G reservation at each start, fork and execve (1.3 s a start here;
# task_fork then times out). A 32-bit host has no room for 4G: rvemu's own default there
# (1G, or the largest power of two it can reserve) is small enough. Under an outer rvemu the
# inner takes by default the largest space the outer's guest region leaves (64G of 256G): a
# reservation costs nothing there.
if grep -q '^#define SIZEOF_VOID_P 4' "$build/config.h" || [ -n "$runner" ]; then default_opts=""
else default_opts="-R 4G"
fi
rvemu_opts=${CROSS_RVEMU_OPTS-$default_opts}
# A test's --sandbox=off (it runs host programs, which the sandbox refuses) is for the outer
# rvemu too: the inner's host programs are the outer's guest's.
wrapper="$build/cross-rvemu"
{ printf '%s\n' '#!/usr/bin/perl'
  if [ -n "$runner" ]; then
    printf '%s\n' 'my @o; for (@ARGV) { last unless /^-/; push @o, $_ if $_ eq "--sandbox=off"; }'
  else
    printf '%s\n' 'my @o;'
  fi
  printf "exec { '%s' } '%s', " "$qemu" "$qemu"
  for w in $sysroot ${CROSS_RUNNER_OPTS:-}; do printf "'%s', " "$w"; done
  printf '@o, '
  for w in "$build/rvemu" $rvemu_opts; do printf "'%s', " "$w"; done
  printf '%s\n' '@ARGV;' 'die "cross-rvemu: $!\n";'
} >"$wrapper"
chmod +x "$wrapper"

# ---- the JIT is really used: one program with --stats -------------------------------
jit_ok=1
if [ $has_jit = 1 ]; then
  echo "== $runner_name rvemu --jit-threshold=0 --stats t/guest/hello.elf"
  "$wrapper" --jit-threshold=0 --stats "$build/t/guest/hello.elf" >"$build/cross-hello.out" 2>"$build/cross-hello.err"
  st=$?
  grep -E 'blocks compiled|JIT code' "$build/cross-hello.err" | sed 's/^ */  /'
  jitted=$(sed -n 's/.*blocks compiled (JIT): \([0-9]*\).*/\1/p' "$build/cross-hello.err" | head -n 1)
  if [ $st != 0 ] || ! cmp -s "$build/cross-hello.out" "$confsrc/t/guest/hello.out"; then
    echo "$me: FAIL: hello with --jit-threshold=0: exit status $st, stdout:"
    head -n 10 "$build/cross-hello.out"; head -n 20 "$build/cross-hello.err"
    jit_ok=0
  elif [ "${jitted:-0}" = 0 ]; then
    echo "$me: FAIL: the JIT compiled no block"
    jit_ok=0
  fi
fi

# ---- run ----------------------------------------------------------------------------
logs="$build/cross-logs"
rm -rf "$logs"; mkdir -p "$logs"
# with no JIT for HOST, --jit-threshold=0 would only run the interpreter a second time
if [ $has_jit = 1 ]; then default_modes=--jit-threshold=0; else default_modes=""; fi
modes=${RVEMU_EXTRA_MODES-$default_modes}
echo "== $(echo "$tests" | wc -w) tests, -j$jobs, modes: --no-jit $modes (rvemu under $runner_name)"
# (RVEMU_SECCOMP cleared: the cross rvemu has no filter, so no strict runs, whatever make
# check's environment said of the native build)
export RVEMU="$wrapper" RVEMU_NO_QEMU=1 RVEMU_EXTRA_MODES="$modes" QEMU_RISCV64="" \
  RVEMU_SECCOMP="" top_srcdir="$confsrc" top_builddir="$build" \
  GUEST_CC=riscv64-linux-gnu-gcc GUEST_OBJDUMP=riscv64-linux-gnu-objdump CC="$cc"
# one test: NAME.log (run-guest's output) and NAME.res ("status seconds")
runone='t=$1; log=$L/$(echo "$t" | tr / _).log; s=$(date +%s)
  timeout -k 10 "$T" sh "$S/t/run-guest" "$B/$t" >"$log" 2>&1; st=$?
  echo "$st $(( $(date +%s) - s ))" >"${log%.log}.res"
  case $st in 0) r=PASS ;; 124|137) r=TIMEOUT ;; *) r=FAIL ;; esac
  echo "$r: $t ($(( $(date +%s) - s ))s)"'
start=$(date +%s)
printf '%s\n' $tests | L="$logs" T="${CROSS_TIMEOUT:-900}" S="$confsrc" B="$build" \
  xargs -P "$jobs" -I{} sh -c "$runone" sh {}

# ---- summary ----------------------------------------------------------------------------
pass=0; failed=""
for t in $tests; do
  res="$logs/$(echo "$t" | tr / _).res"
  if [ -f "$res" ] && [ "$(cut -d' ' -f1 "$res")" = 0 ]; then pass=$((pass + 1))
  else failed="$failed $t"
  fi
done
n=$(echo "$tests" | wc -w)
echo "== $host: $pass of $n tests passed in $(( $(date +%s) - start ))s (logs: $logs)"
[ -z "$skipped" ] ||
  echo "== skipped ($runner_name cannot run them; CROSS_NO_SKIP=1 runs them):$skipped"
for t in $failed; do
  echo "--- $t"
  head -n 30 "$logs/$(echo "$t" | tr / _).log"
done
[ $jit_ok = 1 ] || echo "$me: the JIT check failed (above)"
[ -z "$failed" ] && [ $jit_ok = 1 ]
