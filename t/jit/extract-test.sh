#!/bin/sh
# stencil-extract on the committed objects of t/jit (gcc and clang, x86-64 and aarch64): the
# header of each good object and the error lines of each bad one must match the expected files;
# the headers must compile, hold the object's bytes, and broken input must fail cleanly.
# Set RVEMU_GOLDEN_UPDATE=1 to rewrite the expected files after a deliberate change.
set -u
dir=$top_srcdir/t/jit
tool=$(cd "$top_builddir" && pwd)/stencil-extract
[ -x "$tool" ] || { echo "SKIP: $tool is not built"; exit 77; }
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
fail=0
cd "$dir" || exit 99 # relative object names keep the messages independent of the tree

compare() { # name of the expected file in t/jit, actual file
  if [ -n "${RVEMU_GOLDEN_UPDATE:-}" ]; then cp "$2" "$dir/$1"; return; fi
  if ! cmp -s "$dir/$1" "$2"; then
    echo "FAIL $1:"; diff -u "$dir/$1" "$2" | head -40; fail=1
  else
    echo "ok   $1"
  fi
}

# Each object has either a .golden header (extraction succeeds) or an .err file (it fails).
for o in *.o; do
  n=${o%.o}
  "$tool" "$o" "$tmp/$n.h" 2>"$tmp/$n.err"
  st=$?
  if [ -n "${RVEMU_GOLDEN_UPDATE:-}" ]; then
    rm -f "$dir/$n.golden" "$dir/$n.err"
    if [ $st = 0 ]; then compare "$n.golden" "$tmp/$n.h"; else compare "$n.err" "$tmp/$n.err"; fi
  elif [ -f "$n.golden" ]; then
    [ $st = 0 ] && [ ! -s "$tmp/$n.err" ] || { echo "FAIL $o: status $st"; cat "$tmp/$n.err"; fail=1; }
    compare "$n.golden" "$tmp/$n.h"
  elif [ -f "$n.err" ]; then
    [ $st = 1 ] && [ ! -e "$tmp/$n.h" ] || { echo "FAIL $o: status $st (want 1, no output)"; fail=1; }
    compare "$n.err" "$tmp/$n.err"
  else
    echo "FAIL $o: neither $n.golden nor $n.err"; fail=1
  fi
done

# Another prefix; and the output must not depend on the object's directory.
"$tool" --name-prefix st_a sample-gcc-x86_64.o "$tmp/prefix.h" || fail=1
compare sample-gcc-x86_64.prefix.golden "$tmp/prefix.h"
"$tool" "$dir/sample-clang-x86_64.o" "$tmp/abs.h" && cmp -s "$tmp/abs.h" "$tmp/sample-clang-x86_64.h" ||
  { echo "FAIL output depends on the object's path"; fail=1; }
[ -n "${RVEMU_GOLDEN_UPDATE:-}" ] && exit $fail

# Broken input: one line naming the problem, status 1, no output left behind, never a crash.
check() { # description, expected substring, object
  echo stale >"$tmp/out.h"
  "$tool" "$3" "$tmp/out.h" >/dev/null 2>"$tmp/err"
  st=$?
  if [ $st != 1 ] || [ "$(wc -l <"$tmp/err")" != 1 ] || ! grep -q -- "$2" "$tmp/err" ||
     [ -e "$tmp/out.h" ]; then
    echo "FAIL $1: status $st (want 1), want one line with '$2', no output:"; sed 's/^/  | /' "$tmp/err"
    fail=1
  else
    echo "ok   $1: $(cat "$tmp/err")"
  fi
}
good=sample-gcc-x86_64.o
head -c 100 $good >"$tmp/trunc.o"
check "truncated object" "outside the file (truncated?)" "$tmp/trunc.o"
check "not an object" "not an ELF file" sample.c
check "missing file" "No such file or directory" "$tmp/nope.o"
cp $good "$tmp/riscv.o" && printf '\363\000' | dd of="$tmp/riscv.o" bs=1 seek=18 conv=notrunc 2>/dev/null
check "other machine" "machine 243 is neither" "$tmp/riscv.o"
cp $good "$tmp/class32.o" && printf '\001' | dd of="$tmp/class32.o" bs=1 seek=4 conv=notrunc 2>/dev/null
check "ELFCLASS32" "not a little-endian ELF64" "$tmp/class32.o"
# every truncation point of the section table and what precedes it
size=$(wc -c <$good)
for len in 0 1 63 64 65 1000 $((size - 700)) $((size - 64)) $((size - 1)); do
  head -c $len $good >"$tmp/cut.o"
  "$tool" "$tmp/cut.o" "$tmp/cut.h" 2>/dev/null
  st=$?
  [ $st = 1 ] || { echo "FAIL truncated to $len bytes: status $st (want 1)"; fail=1; }
done
"$tool" >/dev/null 2>&1; [ $? = 1 ] || { echo "FAIL no arguments: status is not 1"; fail=1; }

# The headers compile with the runtime's structs, and their bytes are the objects' bytes.
cc=${CC:-cc}
if ! command -v "${cc%% *}" >/dev/null 2>&1; then
  echo "SKIP compile checks: no C compiler ($cc)"
  exit $fail
fi
cat >"$tmp/harness.c" <<'EOF'
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
struct jit_hole { uint32_t off; uint16_t type; uint16_t kind; uint32_t helper; int64_t addend; };
struct jit_stencil {
    const char *name; const unsigned char *code; uint32_t size;
    const struct jit_hole *holes; uint32_t nholes; int falls;
    const struct jit_stencil *cold;
};
enum { JH_H_rd, JH_H_rs1, JH_H_rs2, JH_H_imm, JH_H_msize, JH_H_pc, JH_J_next, JH_J_taken, JH_HELPER };
static const char *const kinds[] = { "H_rd", "H_rs1", "H_rs2", "H_imm", "H_msize", "H_pc",
                                     "J_next", "J_taken", "HELPER" };
#include "stencils.h"
#define ENTRY(n) &jit_st_##n,
static const struct jit_stencil *const stencils[] = { JIT_STENCILS(ENTRY) };
#define NAME(n) #n,
static const char *const helpers[] = { JIT_HELPERS(NAME) NULL };

/* one line per stencil: name, code bytes in hex, then the holes as kind@offset */
int main(void)
{
    size_t i, k;
    for (i = 0; i < sizeof stencils / sizeof stencils[0]; i++) {
        const struct jit_stencil *s = stencils[i];
        printf("%s ", s->name);
        for (k = 0; k < s->size; k++)
            printf("%02x", s->code[k]);
        printf(" |");
        for (k = 0; k < s->nholes; k++)
            printf(" %s@%u", kinds[s->holes[k].kind], (unsigned)s->holes[k].off);
        printf("\n");
    }
    for (i = 0; helpers[i]; i++)
        printf("helper %s\n", helpers[i]);
    return 0;
}
EOF
# the raw bytes of one section, as objdump -s prints them (any ELF machine)
section_hex() { # object, section
  objdump -s -j "$2" "$1" 2>/dev/null |
    awk '/^ [0-9a-f]+ / { sub(/^ [0-9a-f]+ /, ""); h = substr($0, 1, 35); gsub(/ /, "", h); printf "%s", h }'
}
have_objdump=no
command -v objdump >/dev/null 2>&1 && have_objdump=yes || echo "SKIP byte checks: no objdump"
for g in sample-*.golden; do
  case $g in *.prefix.golden) continue ;; esac
  n=${g%.golden}
  cp "$tmp/$n.h" "$tmp/stencils.h" || { fail=1; continue; }
  if ! $cc -std=c11 -pedantic -Wall -Wextra -Werror -I"$tmp" -o "$tmp/harness" "$tmp/harness.c" ||
     ! "$tmp/harness" >"$tmp/$n.dump"; then
    echo "FAIL the header of $n.o does not compile or run with the runtime's structs"; fail=1; continue
  fi
  echo "ok   $n header compiles"
  case $n in *-gcc-x86_64)
    grep -q '^add [0-9a-f]* |.* H_rd@17$' "$tmp/$n.dump" ||
      { echo "FAIL $n: st_add's trailing jump to J_next is not stripped:"; grep '^add ' "$tmp/$n.dump"; fail=1; }
  esac
  [ $have_objdump = yes ] || continue
  bad=0
  while read -r name code rest; do
    [ "$name" = helper ] && continue
    [ "$code" = "|" ] && code=
    sec=$(section_hex "$n.o" ".text.st_$name")
    case $sec in
      "$code" | "${code}e900000000" | "${code}00000014") ;; # whole, or less the stripped jump
      "") echo "SKIP byte check of $n: objdump cannot read it"; bad=skip; break ;;
      *) echo "FAIL $n: st_$name bytes differ from the object's: $code vs $sec"; bad=1 ;;
    esac
  done <"$tmp/$n.dump"
  case $bad in 0) echo "ok   $n bytes" ;; 1) fail=1 ;; esac
done
[ $fail = 0 ] && echo "PASS stencil-extract"
exit $fail
