/* The runtime helpers compiled code calls to leave with a guest fault: the same signal,
 * code, address and pc the interpreter's fault paths record (interp.c). */
#include <signal.h>
#include "interp/block.h"
#include "jit/jit-abi.h"

static uintptr_t fault(struct rv_cpu *cpu, int sig, int code, uint64_t addr)
{
    cpu->sig = sig;
    cpu->sig_code = code;
    cpu->sig_addr = addr;
    return JX_FAULT;
}

static void at_rec(struct rv_cpu *cpu, const struct rv_rec *r)
{
    cpu->cur = r;
    cpu->pc = rv_rec_block(r)->pc + r->pcoff;
}

uintptr_t rv_jit_segv(struct rv_cpu *cpu, const struct rv_rec *r, uint64_t addr)
{
    at_rec(cpu, r);
    return fault(cpu, SIGSEGV, SEGV_MAPERR, addr);
}

uintptr_t rv_jit_misaligned(struct rv_cpu *cpu, const struct rv_rec *r, uint64_t addr)
{
    at_rec(cpu, r);
    return fault(cpu, SIGBUS, BUS_ADRALN, addr);
}

uintptr_t rv_jit_illegal(struct rv_cpu *cpu, uint64_t pc)
{
    cpu->pc = pc;
    return fault(cpu, SIGILL, ILL_ILLOPC, pc);
}

uintptr_t rv_jit_ebreak(struct rv_cpu *cpu, uint64_t pc)
{
    cpu->pc = pc;
    return fault(cpu, SIGTRAP, TRAP_BRKPT, pc);
}

/* a stop request seen at a block entry: the run loop takes it at pc */
uintptr_t rv_jit_kicked(struct rv_cpu *cpu, uint64_t pc)
{
    cpu->pc = pc;
    return JX_KICKED;
}
