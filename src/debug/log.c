/* The -d log: item parsing, the log file, and the per-block records (in_asm, op, cpu, fpu,
 * exec, page, int). Formats follow qemu-riscv64's so that existing habits and scripts work;
 * instructions are shown in objdump's syntax. */
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

static const struct { const char *name; unsigned bit; const char *help; } items[] = {
    { "in_asm", LOG_IN_ASM, "guest instructions of each decoded block" },
    { "op", LOG_OP, "the predecoded operations of each block; the stencils of each compiled one" },
    { "out_asm", LOG_OUT_ASM, "host code of each JIT-compiled block, as bytes" },
    { "cpu", LOG_CPU, "registers before each executed block (implies nochain)" },
    { "fpu", LOG_FPU, "with cpu: also the f registers and fcsr" },
    { "exec", LOG_EXEC, "one line per executed block (implies nochain)" },
    { "int", LOG_INT, "signals and exceptions delivered to the guest" },
    { "strace", LOG_STRACE, "every syscall, its arguments and result" },
    { "unimp", LOG_UNIMP, "unimplemented syscalls (ENOSYS) and features" },
    { "guest_errors", LOG_GUEST_ERRORS, "invalid requests from the guest (bad pointers, flags)" },
    { "page", LOG_PAGE, "the guest memory map at start" },
    { "nochain", LOG_NOCHAIN, "do not chain blocks, so cpu and exec show complete traces" },
};
#define NITEMS (sizeof items / sizeof items[0])

int rv_log_parse(const char *spec, unsigned *mask)
{
    const char *p = spec;
    while (*p) {
        size_t n = strcspn(p, ",");
        if (n == 4 && strncmp(p, "help", 4) == 0) {
            printf("Log items (comma separated):\n");
            for (size_t i = 0; i < NITEMS; i++)
                printf("%-15s %s\n", items[i].name, items[i].help);
            return 1;
        }
        size_t i = 0;
        while (i < NITEMS && !(strlen(items[i].name) == n && strncmp(items[i].name, p, n) == 0))
            i++;
        if (i == NITEMS) {
            fprintf(stderr, "rvemu: unknown log item '%.*s' (try -d help)\n", (int)n, p);
            return -1;
        }
        *mask |= items[i].bit;
        p += n;
        if (*p == ',')
            p++;
    }
    return 0;
}

int rv_log_parse_filter(struct rv_machine *m, const char *spec)
{
    const char *p = spec;
    while (*p) {
        char *end;
        errno = 0;
        uint64_t lo = strtoull(p, &end, 0), hi;
        if (errno || end == p)
            goto bad;
        if (end[0] == '.' && end[1] == '.') {
            hi = strtoull(end + 2, &end, 0);
        } else if (end[0] == '+' || end[0] == '-') {
            int plus = end[0] == '+';
            uint64_t len = strtoull(end + 1, &end, 0);
            if (plus) {
                hi = lo + len - 1;
            } else {
                hi = lo;
                lo = lo - len + 1;
            }
        } else {
            goto bad;
        }
        if (errno || hi < lo || (*end && *end != ','))
            goto bad;
        void *v = realloc(m->filter, (size_t)(m->nfilter + 1) * sizeof *m->filter);
        if (!v)
            goto bad;
        m->filter = v;
        m->filter[m->nfilter].lo = lo;
        m->filter[m->nfilter].hi = hi;
        m->nfilter++;
        p = *end ? end + 1 : end;
    }
    return 0;
bad:
    fprintf(stderr, "rvemu: bad -dfilter '%s' (want START..END, START+LEN or END-LEN, "
            "comma separated)\n", spec);
    return -1;
}

int rv_log_open(struct rv_machine *m, const char *file)
{
    if (!file || !*file) {
        m->log = stderr;
        return 0;
    }
    m->log = fopen(file, "we");
    if (!m->log) {
        fprintf(stderr, "rvemu: cannot open log file %s: %s\n", file, strerror(errno));
        return -1;
    }
    setvbuf(m->log, NULL, _IOFBF, 1 << 16);
    return 0;
}

int rv_log_wanted(const struct rv_machine *m, uint64_t pc)
{
    if (!m->nfilter)
        return 1;
    for (int i = 0; i < m->nfilter; i++)
        if (pc >= m->filter[i].lo && pc <= m->filter[i].hi)
            return 1;
    return 0;
}

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
