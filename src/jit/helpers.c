/* The runtime helpers compiled code calls to leave with a guest fault: the same signal,
 * code, address and pc the interpreter's fault paths record (interp.c). */
#include <signal.h>
#include "interp/block.h"
#include "jit/jit-abi.h"

/* the pc of the memory access that cpu->cur records (set by the stencil before its check) */
static uint64_t cur_pc(const struct rv_cpu *cpu)
{
    return rv_rec_block(cpu->cur)->pc + cpu->cur->pcoff;
}

static uintptr_t fault(struct rv_cpu *cpu, int sig, int code, uint64_t addr)
{
    cpu->sig = sig;
    cpu->sig_code = code;
    cpu->sig_addr = addr;
    return JX_FAULT;
}

uintptr_t rv_jit_segv(struct rv_cpu *cpu, uint64_t addr)
{
    cpu->pc = cur_pc(cpu);
    return fault(cpu, SIGSEGV, SEGV_MAPERR, addr);
}

uintptr_t rv_jit_misaligned(struct rv_cpu *cpu, uint64_t addr)
{
    cpu->pc = cur_pc(cpu);
    return fault(cpu, SIGBUS, BUS_ADRALN, addr);
}

/* the stencil has set cpu->pc to the instruction's */
uintptr_t rv_jit_illegal(struct rv_cpu *cpu)
{
    return fault(cpu, SIGILL, ILL_ILLOPC, cpu->pc);
}

uintptr_t rv_jit_ebreak(struct rv_cpu *cpu)
{
    return fault(cpu, SIGTRAP, TRAP_BRKPT, cpu->pc);
}
