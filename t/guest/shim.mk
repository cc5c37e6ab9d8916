# Syscall shim tests: C, C++ (libstdc++) and Fortran (libgfortran) guest programs, each run
# by t/run-guest statically and dynamically linked and compared with NAME.out (made with
# qemu-riscv64; NAME.noqemu where rvemu deliberately answers otherwise), plus two shell tests:
# TCP echo between two guest processes, and a guest program on a pseudo-terminal.
SHIM_C_TESTS = t/guest/shim_files.elf t/guest/shim_events.elf t/guest/shim_unix.elf \
	t/guest/shim_tcp.elf t/guest/shim_tty.elf t/guest/shim_proc.elf \
	t/guest/shim_proc_strict.elf t/guest/shim_sysproc.elf t/guest/shim_strict.elf
SHIM_TESTS = $(SHIM_C_TESTS)
if HAVE_GUEST_CXX
SHIM_TESTS += t/guest/shim_cxx.elf
endif
if HAVE_GUEST_FC
SHIM_TESTS += t/guest/shim_fortran.elf
endif
GUEST_ELFS += $(SHIM_TESTS) $(SHIM_TESTS:.elf=.dyn.elf)
TESTS += t/guest/shim_tcp_pair.sh t/guest/shim_tty_pty.sh
t/guest/shim_proc_strict.elf t/guest/shim_proc_strict.dyn.elf: t/guest/shim_proc.c

%.elf: %.cc
	@$(MKDIR_P) $(@D)
	$(AM_V_GEN)$(GUEST_CXX) $(GUEST_CFLAGS) -o $@ $<
%.dyn.elf: %.cc
	@$(MKDIR_P) $(@D)
	$(AM_V_GEN)$(GUEST_CXX) -O2 -Wall -o $@ $<
# (the static libgfortran link warns that fe*except always fail: harmless here)
%.elf: %.f90
	@$(MKDIR_P) $(@D)
	$(AM_V_GEN)$(GUEST_FC) -O2 -static -Wall -o $@ $<
%.dyn.elf: %.f90
	@$(MKDIR_P) $(@D)
	$(AM_V_GEN)$(GUEST_FC) -O2 -Wall -o $@ $<

EXTRA_DIST += t/guest/shim.mk t/guest/shim_tcp_pair.sh t/guest/shim_tty_pty.sh \
	t/guest/shim_files.c t/guest/shim_files.out \
	t/guest/shim_events.c t/guest/shim_events.out \
	t/guest/shim_unix.c t/guest/shim_unix.out t/guest/shim_unix.nostrict t/guest/shim_tcp.strict \
	t/guest/shim_tcp.c t/guest/shim_tcp.out t/guest/shim_tcp_server.out t/guest/shim_tcp_client.out \
	t/guest/shim_tty.c t/guest/shim_tty.out t/guest/shim_tty_stdin.out t/guest/shim_tty.nostrict \
	t/guest/shim_proc.c t/guest/shim_proc.out t/guest/shim_proc.dyn.out t/guest/shim_proc.args \
	t/guest/shim_proc_strict.c t/guest/shim_proc_strict.out t/guest/shim_proc_strict.noqemu \
	t/guest/shim_sysproc.c t/guest/shim_sysproc.out \
	t/guest/shim_strict.c t/guest/shim_strict.out t/guest/shim_strict.noqemu \
	t/guest/shim_cxx.cc t/guest/shim_cxx.out \
	t/guest/shim_fortran.f90 t/guest/shim_fortran.out
