# Guest tests of threads, atomics, signals, fork and exec (task_*): run by t/run-guest like
# the other guest programs, with NAME.out generated with qemu-riscv64 and checked, except the
# NAME.noqemu ones (task_sigmask, task_exec: qemu-riscv64 7.2 cannot run them correctly),
# whose expected output is that of the same portable C run natively on Linux.
TASK_TESTS = t/guest/task_pthreads.elf t/guest/task_atomics_mt.elf t/guest/task_cxx_threads.elf \
	t/guest/task_signals.elf t/guest/task_sigmask.elf t/guest/task_abort.elf \
	t/guest/task_fork.elf t/guest/task_exec.elf t/guest/task_unwind.elf t/guest/task_cancel.elf
# The threaded programs linked dynamically too (NAME.dyn.elf, run with the sysroot).
TASK_DYN_TESTS = t/guest/task_pthreads.dyn.elf t/guest/task_atomics_mt.dyn.elf \
	t/guest/task_cxx_threads.dyn.elf
GUEST_ELFS += $(TASK_TESTS) $(TASK_DYN_TESTS)

# Go (gccgo), only when the riscv64 gccgo beside the guest C compiler is installed (Debian
# package gccgo-riscv64-linux-gnu): the programs are built when it is found, and
# task_go_run.sh runs them with t/run-guest or reports SKIP. (Automake cannot take a computed
# list in TESTS; a configure check with an AM_CONDITIONAL would replace this.)
TASK_GO = $(GUEST_CC:gcc=gccgo)
TASK_GO_ELFS = $(if $(TASK_GO),$(if $(shell command -v $(TASK_GO) 2>/dev/null),t/guest/task_go.elf t/guest/task_go.dyn.elf))

# Helper programs of the shell tests (built, not run by t/run-guest).
TASK_HELPERS = t/guest/task_spin.elf t/guest/task_pipe.elf
if HAVE_GUEST_CC
check_DATA += $(TASK_HELPERS) $(TASK_GO_ELFS)
TESTS += t/guest/task_pipeline.sh t/guest/task_sigint.sh t/guest/task_go_run.sh
endif
CLEANFILES += $(TASK_HELPERS) t/guest/task_go.elf t/guest/task_go.dyn.elf

# C++ and Go guest programs. The C++ rules are explicit (another fragment may define a
# %.elf: %.cc pattern rule; the last one read would win) because -pthread matters here: it
# also links libatomic, needed by the sub-word std::atomic operations.
TASK_CXX = $(GUEST_CC:gcc=g++)
t/guest/task_cxx_threads.elf: t/guest/task_cxx_threads.cc
	@$(MKDIR_P) $(@D)
	$(AM_V_GEN)$(TASK_CXX) -O2 -static -pthread -Wall -o $@ $<
t/guest/task_cxx_threads.dyn.elf: t/guest/task_cxx_threads.cc
	@$(MKDIR_P) $(@D)
	$(AM_V_GEN)$(TASK_CXX) -O2 -pthread -Wall -o $@ $<
%.elf: %.go
	@$(MKDIR_P) $(@D)
	$(AM_V_GEN)$(TASK_GO) -O2 -static -o $@ $<
%.dyn.elf: %.go
	@$(MKDIR_P) $(@D)
	$(AM_V_GEN)$(TASK_GO) -O2 -o $@ $<

EXTRA_DIST += t/guest/task_fork.opts t/guest/task_unwind.c t/guest/task_unwind.out t/guest/task_cancel.c t/guest/task_cancel.out t/guest/task_pthreads.c t/guest/task_pthreads.out \
	t/guest/task_atomics_mt.c t/guest/task_atomics_mt.out \
	t/guest/task_cxx_threads.cc t/guest/task_cxx_threads.out \
	t/guest/task_go.go t/guest/task_go.out \
	t/guest/task_signals.c t/guest/task_signals.out \
	t/guest/task_sigmask.c t/guest/task_sigmask.out t/guest/task_sigmask.noqemu \
	t/guest/task_abort.c t/guest/task_abort.out t/guest/task_abort.status \
	t/guest/task_fork.c t/guest/task_fork.out \
	t/guest/task_exec.c t/guest/task_exec.out t/guest/task_exec.noqemu \
	t/guest/task_spin.c t/guest/task_pipe.c \
	t/guest/task_pipeline.sh t/guest/task_sigint.sh t/guest/task_go_run.sh t/guest/task_repeat.sh
