/* Guest signals: dispositions, masks, delivery with the riscv64 kernel's frame layout, and
 * the host side (host dispositions and masks mirror the guest's, so the host kernel keeps
 * blocked signals pending and interrupts blocking syscalls exactly when Linux would). */
#ifndef RV_SIGNAL_H
#define RV_SIGNAL_H
#include <signal.h>
#include "rv.h"

#define RV_NSIG 64
/* A syscall result that leaves a0 alone (rt_sigreturn restored every register). */
#define RV_RET_KEEP_A0 INT64_MIN

/* At start, before the first instruction: the sigreturn trampoline page, host handlers. */
int rv_signal_init(struct rv_machine *m);
/* At a safe point of cpu's own thread: delivers every deliverable pending signal (builds
 * frames, or applies the default action, which may end the process). */
void rv_signal_deliver(struct rv_cpu *cpu);
/* A synchronous fault (cpu->sig*, cpu->pc at the faulting instruction): a frame for the
 * guest handler, or death by that signal. */
void rv_signal_fault(struct rv_cpu *cpu);
/* Records a host signal for the guest thread running on this host thread. Async-safe. */
void rv_signal_record(int sig, const siginfo_t *si);
/* A host siginfo (si_signo a guest number) as the guest's 128 bytes (riscv64's layout, in
 * little-endian order), and the guest's bytes to the host's order in place (still riscv64's
 * layout: rv_compat_siginfo_to_host makes a 32-bit host's of them) */
void rv_siginfo_to_guest(unsigned char *out, const siginfo_t *si);
void rv_siginfo_from_guest(unsigned char *si);
/* The host mask for a guest mask (never blocking the signals rvemu needs for faults). */
void rv_signal_host_mask(uint64_t guest, sigset_t *host);
/* Dies of sig after a one-line message (for core-dumping signals), as the program would. */
void rv_die_of_signal(struct rv_cpu *cpu, int sig) __attribute__((noreturn));
/* Guest and host signal numbers (they differ for 32, 33, 63, 64; 0: no counterpart). */
int rv_host_sig(int guest);
int rv_guest_sig(int host);
/* Whether cpu has a pending signal it would take now. */
int rv_signal_deliverable(const struct rv_cpu *cpu);

#endif
