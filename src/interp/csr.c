/* The Zicsr instructions on the user-level CSRs: fflags, frm, fcsr and the counters. One
 * function for the six forms, shared by the interpreter and the JIT (a helper call). */
#include <time.h>
#include "decode/decode.h"
#include "interp/block.h"
#include "interp/interp.h"

static uint64_t csr_read(struct rv_cpu *cpu, unsigned csr, uint64_t instret)
{
    switch (csr) {
    case CSR_FFLAGS: return cpu->fflags;
    case CSR_FRM: return cpu->frm;
    case CSR_FCSR: return cpu->frm << 5 | cpu->fflags;
    case CSR_TIME: {
        struct timespec ts;
        clock_gettime(CLOCK_MONOTONIC, &ts);
        /* a 10 MHz timebase, as on common riscv64 boards */
        return (uint64_t)ts.tv_sec * 10000000u + (uint64_t)ts.tv_nsec / 100;
    }
    default: return instret;       /* cycle and instret */
    }
}

static void csr_write(struct rv_cpu *cpu, unsigned csr, uint64_t v)
{
    switch (csr) {
    case CSR_FFLAGS: cpu->fflags = v & 31; break;
    case CSR_FRM: cpu->frm = v & 7; break;
    case CSR_FCSR: cpu->fflags = v & 31; cpu->frm = (v >> 5) & 7; break;
    default: break;                /* read-only counters are refused by the decoder */
    }
}

uint64_t rv_csr_op(struct rv_cpu *cpu, const struct rv_rec *r)
{
    const struct rv_block *b = rv_rec_block(r);
    unsigned csr = (unsigned)r->imm;
    int imm_form = r->op == RV_OP_csrrwi || r->op == RV_OP_csrrsi || r->op == RV_OP_csrrci;
    uint64_t s = imm_form ? r->rs1 : cpu->x[r->rs1];
    /* instret counts whole blocks at entry: the ones after this instruction are not retired */
    uint64_t old = csr_read(cpu, csr, cpu->instret - b->n + r->idx);
    if (r->op == RV_OP_csrrw || r->op == RV_OP_csrrwi)
        csr_write(cpu, csr, s);
    else if (r->rs1 != 0)
        csr_write(cpu, csr, r->op == RV_OP_csrrs || r->op == RV_OP_csrrsi ? old | s : old & ~s);
    return old;
}
