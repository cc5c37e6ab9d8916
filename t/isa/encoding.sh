#!/bin/sh
# Checks that the ISA test programs were assembled as they claim: rvc.elf
# contains every RV64 compressed instruction (c.ebreak excepted), and every
# other t/isa program contains no 16-bit instruction at all (TEST_BEGIN
# selects `.option norvc`).  Needs GUEST_OBJDUMP; exit 77 (skip) without it.
set -u
objdump=${GUEST_OBJDUMP:-}
[ -n "$objdump" ] && command -v "$objdump" >/dev/null 2>&1 || { echo "encoding.sh: no GUEST_OBJDUMP" >&2; exit 77; }
dir=${top_builddir:-.}/t/isa
fail=0

# Instructions of one ELF's .text as "length mnemonic" (zero-filled gaps skipped).
insns() {
  "$objdump" -d -M no-aliases "$1" | awk -F'\t' '
    /^ *[0-9a-f]+:\t/ { enc = $2; gsub(/ /, "", enc); if (enc != "0000" && $3 != "") print length(enc), $3 }'
}

[ -f "$dir/rvc.elf" ] || { echo "encoding.sh: $dir/rvc.elf not built" >&2; exit 99; }
rvc=$(insns "$dir/rvc.elf" | awk '$1 == 4 { print $2 }' | sort -u)
for m in c.addi4spn c.fld c.lw c.ld c.fsd c.sw c.sd c.addi c.addiw c.li c.addi16sp c.lui \
         c.srli c.srai c.andi c.sub c.xor c.or c.and c.subw c.addw c.j c.beqz c.bnez \
         c.slli c.fldsp c.lwsp c.ldsp c.jr c.mv c.jalr c.add c.fsdsp c.swsp c.sdsp; do
  echo "$rvc" | grep -qx "$m" || { echo "FAIL rvc.elf: no $m emitted"; fail=1; }
done
# c.nop is c.addi zero,0 under -M no-aliases: look for its encoding.
"$objdump" -d "$dir/rvc.elf" | grep -q "	0001 " || { echo "FAIL rvc.elf: no c.nop emitted"; fail=1; }

for elf in "$dir"/*.elf; do
  case $elf in */rvc.elf) continue ;; esac
  n=$(insns "$elf" | awk '$1 == 4' | wc -l)
  [ "$n" = 0 ] || { echo "FAIL $(basename "$elf"): $n compressed instructions"; fail=1; }
done
[ $fail = 0 ] && echo "PASS encoding"
exit $fail
