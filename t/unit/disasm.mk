# The disassembler's Check test (src/debug/disasm.c): every instruction of the built guest
# programs (check_DATA) and of a generated file covering every insn.def row is compared with
# $(GUEST_OBJDUMP) -d (exported by AM_TESTS_ENVIRONMENT); exit 77 (skip) without it.
if HAVE_CHECK
if !SMALL
check_PROGRAMS += t/unit/test_disasm
TESTS += t/unit/test_disasm
t_unit_test_disasm_SOURCES = t/unit/test_disasm.c
t_unit_test_disasm_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS)
t_unit_test_disasm_LDADD = librvemu.a $(CHECK_LIBS) -lm
endif
endif
