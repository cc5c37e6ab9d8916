/* What -d op and -d out_asm print for a compiled block: the stencils it was copied from, with
 * their offsets, and the host code as bytes (feed them to a host disassembler, e.g.
 * objdump -D -b binary -m i386:x86-64). */
#include <inttypes.h>
#include <stdio.h>
#include "rv.h"
#include "debug/log.h"
#include "interp/block.h"
#include "jit/jit.h"

void rv_jit_log_block(struct rv_cpu *cpu, const struct rv_block *b, const uint8_t *code,
                      size_t size, const char *const *names, const uint32_t *offs, int n)
{
    struct rv_machine *m = cpu->m;
    FILE *f = m->log;
    if (!rv_log_wanted(m, b->pc))
        return;
    if (m->log_mask & LOG_OP) {
        fprintf(f, "OP (JIT, block 0x%016" PRIx64 ", %d stencils):\n", b->pc, n);
        for (int i = 0; i < n; i++)
            fprintf(f, " +%04" PRIx32 ": %s\n", offs[i], names[i]);
        fputc('\n', f);
    }
    if (m->log_mask & LOG_OUT_ASM) {
        fprintf(f, "OUT: [size=%zu] guest 0x%016" PRIx64 "\n", size, b->pc);
        for (size_t i = 0; i < size; i += 16) {
            fprintf(f, "0x%016" PRIxPTR ": ", (uintptr_t)(code + i));
            for (size_t k = i; k < i + 16 && k < size; k++)
                fprintf(f, " %02x", code[k]);
            fputc('\n', f);
        }
        fputc('\n', f);
    }
}
