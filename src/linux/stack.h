/* Building the initial stack of a program. */
#ifndef RV_STACK_H
#define RV_STACK_H
#include "rv.h"
#include "linux/elf.h"

/* Maps the stack at the top of the guest space, fills it, and sets sp (and a0) in cpu.
 * Returns 0 or a negative errno. */
int rv_stack_setup(struct rv_machine *m, struct rv_cpu *cpu, const struct rv_image *exe,
                   uint64_t interp_base, char *const argv[], char *const envp[],
                   const char *execfn);

#endif
