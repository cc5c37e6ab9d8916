/* The -d log's records: per block (in_asm, op, cpu, fpu, exec), the memory map (page) and
 * signals (int). Formats follow qemu-riscv64's so that existing habits and scripts work;
 * instructions are shown in objdump's syntax. Its options are parsed in logopt.c. */
#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include "rv.h"
#include "debug/log.h"
#include "debug/disasm.h"
#include "debug/symbols.h"
#include "debug/gdbstub.h"
#include "interp/block.h"

/* Re-decodes the instruction a record came from (records keep no raw bytes). */
static int fetch(struct rv_machine *m, uint64_t pc, struct rv_insn *d)
{
    uint16_t lo, hi = 0;
    if (rv_copy_from_guest(&m->mem, &lo, pc, 2))
        return -1;
    if (rv_insn_len(rv_le16(lo)) == 4 && rv_copy_from_guest(&m->mem, &hi, pc + 2, 2))
        return -1;
    rv_decode(rv_le16(lo) | (uint32_t)rv_le16(hi) << 16, d);     /* little-endian parcels */
    return 0;
}

static const char *sym_cb(uint64_t addr, uint64_t *off, void *arg)
{
    return rv_syms_find(((struct rv_machine *)arg)->syms, addr, off);
}

void rv_log_block_decoded(struct rv_cpu *cpu, const struct rv_block *b)
{
    struct rv_machine *m = cpu->m;
    FILE *f = m->log;
    if (!rv_log_wanted(m, b->pc))
        return;
    if (m->log_mask & LOG_IN_ASM) {
        const char *s = rv_syms_find(m->syms, b->pc, NULL);
        fprintf(f, "----------------\nIN: %s\n", s ? s : "");
        for (uint32_t i = 0; i < b->n; i++) {
            uint64_t pc = b->pc + b->recs[i].pcoff;
            struct rv_insn d;
            char line[160];
            if (fetch(m, pc, &d) == 0) {
                rv_disasm_line_sym(pc, &d, sym_cb, m, line, sizeof line);
                fprintf(f, "%s\n", line);
            }
        }
        fputc('\n', f);
    }
    if (m->log_mask & LOG_OP) {
        fprintf(f, "OP:\n");
        for (uint32_t i = 0; i <= b->n; i++) {
            const struct rv_rec *r = &b->recs[i];
            if (i == b->n && r->op != RV_OP_X_FALLTHRU)
                break;
            const char *name = r->op == RV_OP_X_FALLTHRU ? "fallthrough" : rv_insns[r->op].name;
            fprintf(f, " %04x: %-12s rd=%-2u rs1=%-2u rs2=%-2u rs3=%-2u rm=%u imm=%" PRId64 "\n",
                    r->pcoff, name, r->rd == 32 ? 0 : r->rd, r->rs1, r->rs2, r->rs3, r->rm, r->imm);
        }
        fputc('\n', f);
    }
}

void rv_log_block_entry(struct rv_cpu *cpu, const struct rv_block *b)
{
    struct rv_machine *m = cpu->m;
    FILE *f = m->log;
    if (!rv_log_wanted(m, b->pc))
        return;
    if (m->log_mask & LOG_EXEC) {
        const char *s = rv_syms_find(m->syms, b->pc, NULL);
        fprintf(f, "Trace %d: %p [%016" PRIx64 "] %s\n", cpu->tid, (const void *)b, b->pc,
                s ? s : "");
    }
    if (m->log_mask & LOG_CPU) {
        fprintf(f, " %-8s %016" PRIx64 "\n", "pc", cpu->pc);
        for (int i = 0; i < 32; i++) {
            char name[16];
            snprintf(name, sizeof name, "x%d/%s", i, rv_xreg_names[i]);
            fprintf(f, " %-8s %016" PRIx64 "%s", name, cpu->x[i], i % 4 == 3 ? "\n" : "");
        }
        if (m->log_mask & LOG_FPU) {
            for (int i = 0; i < 32; i++) {
                char name[16];
                snprintf(name, sizeof name, "f%d/%s", i, rv_freg_names[i]);
                fprintf(f, " %-8s %016" PRIx64 "%s", name, cpu->f[i], i % 4 == 3 ? "\n" : "");
            }
            fprintf(f, " %-8s %016x %-8s %016x %-8s %016x\n", "fflags", cpu->fflags, "frm",
                    cpu->frm, "fcsr", cpu->frm << 5 | cpu->fflags);
        }
    }
}

void rv_debug_block_entry(struct rv_cpu *cpu, const struct rv_block *b)
{
    if (cpu->m->log_mask & LOG_PER_BLOCK)
        rv_log_block_entry(cpu, b);
    if (cpu->m->gdb)
        rv_gdb_block_entry(cpu);
}

void rv_log_page(struct rv_machine *m)
{
    FILE *f = m->log;
    fprintf(f, "%-16s %-16s %-16s %s\n", "start", "end", "size", "prot");
    for (int i = 0; i < m->mem.nvma; i++) {
        const struct rv_vma *v = &m->mem.vma[i];
        static const char *const kinds[] = { "", "file", "[stack]", "[heap]", "image", "[sigreturn]" };
        fprintf(f, "%016" PRIx64 " %016" PRIx64 " %016" PRIx64 " %c%c%c %s\n", v->start, v->end,
                v->end - v->start, v->prot & PROT_READ ? 'r' : '-',
                v->prot & PROT_WRITE ? 'w' : '-', v->prot & PROT_EXEC ? 'x' : '-', kinds[v->kind]);
    }
}

void rv_log_signal(struct rv_cpu *cpu, const char *what)
{
    struct rv_machine *m = cpu->m;
    const char *s = rv_syms_find(m->syms, cpu->pc, NULL);
    fprintf(m->log, "%s: signal %d (%s) code %d at pc 0x%" PRIx64 " %s, address 0x%" PRIx64 "\n",
            what, cpu->sig, strsignal(cpu->sig), cpu->sig_code, cpu->pc, s ? s : "",
            cpu->sig_addr);
    fflush(m->log);
}
