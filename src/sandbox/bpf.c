/* The seccomp filter compiler (bpf.h). libseccomp took about 1.1 ms to build and export the
 * same filter at each start, longer than the guest's whole run for small programs; this
 * takes a few microseconds, and its binary search keeps the kernel's per-syscall walk (and
 * the kernel's own cache preparation at load) short. */
#include "config.h"
#include <errno.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <linux/audit.h>
#include <linux/seccomp.h>
#include "sandbox/bpf.h"

#define X32_SYSCALL_BIT 0x40000000u     /* x86-64's x32 ABI: numbers with this bit set */

void sbx_bpf_rule(struct sbx_bpf *b, int nr, uint32_t action, int ncmp, const struct sbx_cmp *c)
{
    if (nr < 0 || ncmp < 0 || ncmp > SBX_MAX_CMPS) {
        b->failed = -EINVAL;
        return;
    }
    if (b->nrules == b->cap) {
        size_t cap = b->cap ? 2 * b->cap : 256;
        struct sbx_rule *r = realloc(b->rules, cap * sizeof *r);
        if (!r) {
            b->failed = -ENOMEM;
            return;
        }
        b->rules = r;
        b->cap = cap;
    }
    struct sbx_rule *r = &b->rules[b->nrules];
    memset(r, 0, sizeof *r);
    r->nr = nr;
    r->action = action;
    r->ncmp = ncmp;
    for (int i = 0; i < ncmp; i++) {
        r->cmp[i] = c[i];
        if (c[i].arg > 5 || c[i].op > SBX_CMP_MASKED_EQ)
            b->failed = -EINVAL;
    }
    r->seq = (unsigned)b->nrules++;
}

void sbx_bpf_free(struct sbx_bpf *b)
{
    free(b->rules);
    memset(b, 0, sizeof *b);
}

/* ---- code generation: forward jumps to labels, resolved at the end ---- */

struct gen {
    struct sock_filter *code;
    size_t n, cap;
    size_t *label;          /* label -> instruction index */
    size_t nlabels;
    int err;
};

static size_t emit(struct gen *g, uint16_t code, uint8_t jt, uint8_t jf, uint32_t k)
{
    if (g->n == g->cap) {
        size_t cap = g->cap ? 2 * g->cap : 512;
        struct sock_filter *c = realloc(g->code, cap * sizeof *c);
        if (!c) {
            g->err = -ENOMEM;
            return g->n;
        }
        g->code = c;
        g->cap = cap;
    }
    g->code[g->n] = (struct sock_filter){ code, jt, jf, k };
    return g->n++;
}

/* an unconditional jump to a label: k holds the label until resolve() */
static void ja(struct gen *g, size_t label) { emit(g, BPF_JMP | BPF_JA, 0, 0, (uint32_t)label); }
static void ret(struct gen *g, uint32_t action) { emit(g, BPF_RET | BPF_K, 0, 0, action); }
static void ld(struct gen *g, uint32_t off) { emit(g, BPF_LD | BPF_W | BPF_ABS, 0, 0, off); }
static void place(struct gen *g, size_t label) { g->label[label] = g->n; }

static uint32_t arg_off(int arg, int high)
{
    int hi_first = 0;
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
    hi_first = 1;
#endif
    return (uint32_t)(offsetof(struct seccomp_data, args) + 8 * (size_t)arg +
                      (high == hi_first ? 0 : 4));
}

/* the checks of one comparison: fall through when it holds, jump to `fail` when not */
static void gen_cmp(struct gen *g, const struct sbx_cmp *c, size_t fail)
{
    uint32_t vlo = (uint32_t)c->val, vhi = (uint32_t)(c->val >> 32);
    uint32_t mlo = (uint32_t)c->mask, mhi = (uint32_t)(c->mask >> 32);
    switch (c->op) {
    case SBX_CMP_EQ:
    case SBX_CMP_MASKED_EQ:
        for (int high = c->wide; high >= 0; high--) {
            ld(g, arg_off(c->arg, high));
            if (c->op == SBX_CMP_MASKED_EQ)
                emit(g, BPF_ALU | BPF_AND | BPF_K, 0, 0, high ? mhi : mlo);
            emit(g, BPF_JMP | BPF_JEQ | BPF_K, 1, 0, high ? vhi : vlo);
            ja(g, fail);
        }
        break;
    case SBX_CMP_NE:
        if (c->wide) {
            ld(g, arg_off(c->arg, 1));
            emit(g, BPF_JMP | BPF_JEQ | BPF_K, 0, 3, vhi);     /* halves differ: holds */
        }
        ld(g, arg_off(c->arg, 0));
        emit(g, BPF_JMP | BPF_JEQ | BPF_K, 0, 1, vlo);
        ja(g, fail);
        break;
    case SBX_CMP_LE:
        if (c->wide) {
            ld(g, arg_off(c->arg, 1));
            emit(g, BPF_JMP | BPF_JGT | BPF_K, 0, 1, vhi);
            ja(g, fail);
            emit(g, BPF_JMP | BPF_JEQ | BPF_K, 0, 3, vhi);     /* high half below: holds */
        }
        ld(g, arg_off(c->arg, 0));
        emit(g, BPF_JMP | BPF_JGT | BPF_K, 0, 1, vlo);
        ja(g, fail);
        break;
    }
}

#define LEAF 8     /* syscalls tested one by one at the bottom of the search */

/* distinct syscall numbers u[lo..hi): a binary search down to runs of jeq; a syscall whose
 * first rule holds whatever the arguments and allows it jumps straight to one shared return */
static void gen_tree(struct gen *g, const struct sbx_rule *const *u, size_t lo, size_t hi,
                     const size_t *block, uint32_t dflt)
{
    while (hi - lo > LEAF) {
        size_t mid = lo + (hi - lo) / 2, right = g->nlabels++;
        emit(g, BPF_JMP | BPF_JGE | BPF_K, 0, 1, (uint32_t)u[mid]->nr);
        ja(g, right);
        gen_tree(g, u, lo, mid, block, dflt);
        place(g, right);
        lo = mid;
    }
    size_t len = 0;         /* the run's length before its two returns */
    for (size_t i = lo; i < hi; i++)
        len += u[i]->ncmp == 0 && u[i]->action == SECCOMP_RET_ALLOW ? 1 : 2;
    size_t at = 0;
    for (size_t i = lo; i < hi; i++) {
        uint32_t nr = (uint32_t)u[i]->nr;
        if (u[i]->ncmp == 0 && u[i]->action == SECCOMP_RET_ALLOW) {
            emit(g, BPF_JMP | BPF_JEQ | BPF_K, (uint8_t)(len - at), 0, nr);
            at += 1;
            continue;
        }
        emit(g, BPF_JMP | BPF_JEQ | BPF_K, 0, 1, nr);
        if (u[i]->ncmp == 0)
            ret(g, u[i]->action);
        else
            ja(g, block[i]);
        at += 2;
    }
    ret(g, dflt);
    ret(g, SECCOMP_RET_ALLOW);
}

/* Rules r[0..n) of one syscall comparing one 32-bit argument (masked alike) to a value, with
 * one action, as ioctl's requests or prctl's operations: one load, a jeq per value. */
static size_t same_kind(const struct sbx_rule *r, size_t n)
{
    const struct sbx_cmp *c = &r[0].cmp[0];
    if (r[0].ncmp != 1 || c->wide || (c->op != SBX_CMP_EQ && c->op != SBX_CMP_MASKED_EQ))
        return 0;
    size_t k = 1;
    while (k < n && k < 200 && r[k].ncmp == 1 && r[k].action == r[0].action &&
           r[k].cmp[0].arg == c->arg && r[k].cmp[0].op == c->op && !r[k].cmp[0].wide &&
           (c->op == SBX_CMP_EQ || r[k].cmp[0].mask == c->mask))
        k++;
    return k;
}

/* the argument checks of one syscall's rules r[0..n), in order, then the default */
static void gen_block(struct gen *g, const struct sbx_rule *r, size_t n, uint32_t dflt)
{
    for (size_t i = 0; i < n;) {
        size_t k = same_kind(&r[i], n - i);
        if (k > 1) {
            const struct sbx_cmp *c = &r[i].cmp[0];
            ld(g, arg_off(c->arg, 0));
            if (c->op == SBX_CMP_MASKED_EQ)
                emit(g, BPF_ALU | BPF_AND | BPF_K, 0, 0, (uint32_t)c->mask);
            for (size_t j = 0; j < k; j++)
                emit(g, BPF_JMP | BPF_JEQ | BPF_K, (uint8_t)(k - j), 0, (uint32_t)r[i + j].cmp[0].val);
            size_t next = g->nlabels++;
            ja(g, next);
            ret(g, r[i].action);
            place(g, next);
            i += k;
            continue;
        }
        size_t next = g->nlabels++;
        for (int j = 0; j < r[i].ncmp; j++)
            gen_cmp(g, &r[i].cmp[j], next);
        ret(g, r[i].action);
        place(g, next);
        if (r[i].ncmp == 0)
            return;
        i++;
    }
    ret(g, dflt);
}

static int by_nr(const void *a, const void *b)
{
    const struct sbx_rule *x = a, *y = b;
    if (x->nr != y->nr)
        return x->nr < y->nr ? -1 : 1;
    return x->seq < y->seq ? -1 : x->seq > y->seq;
}

int sbx_bpf_build(struct sbx_bpf *b, uint32_t arch, uint32_t badarch, uint32_t dflt,
                  struct sock_filter **prog, size_t *len)
{
    if (b->failed)
        return b->failed;
    qsort(b->rules, b->nrules, sizeof *b->rules, by_nr);
    /* first rule of each distinct syscall */
    const struct sbx_rule **u = malloc((b->nrules + 1) * sizeof *u);
    size_t *block = malloc((b->nrules + 1) * sizeof *block);
    struct gen g = { 0 };
    g.label = malloc((3 * b->nrules + 1) * sizeof *g.label);
    if (!u || !block || !g.label) {
        free(u), free(block), free(g.label);
        return -ENOMEM;
    }
    size_t m = 0;
    for (size_t i = 0; i < b->nrules; i++)
        if (!i || b->rules[i].nr != b->rules[i - 1].nr)
            u[m++] = &b->rules[i];
    for (size_t i = 0; i < m; i++)
        block[i] = g.nlabels++;

    ld(&g, offsetof(struct seccomp_data, arch));
    emit(&g, BPF_JMP | BPF_JEQ | BPF_K, 1, 0, arch);
    ret(&g, badarch);
    ld(&g, offsetof(struct seccomp_data, nr));
    if (arch == AUDIT_ARCH_X86_64) {    /* x32 calls share the arch: refuse them as foreign */
        emit(&g, BPF_JMP | BPF_JGE | BPF_K, 0, 1, X32_SYSCALL_BIT);
        ret(&g, badarch);
    }
    gen_tree(&g, u, 0, m, block, dflt);
    /* the argument checks of each syscall that has them */
    for (size_t i = 0; i < m; i++) {
        if (u[i]->ncmp == 0)
            continue;
        size_t n = 1;
        while (u[i] + n < b->rules + b->nrules && u[i][n].nr == u[i]->nr)
            n++;
        place(&g, block[i]);
        gen_block(&g, u[i], n, dflt);
    }
    free(u);
    free(block);
    if (!g.err && g.n > BPF_MAXINSNS)
        g.err = -E2BIG;
    for (size_t i = 0; !g.err && i < g.n; i++)
        if (g.code[i].code == (BPF_JMP | BPF_JA))
            g.code[i].k = (uint32_t)(g.label[g.code[i].k] - (i + 1));
    free(g.label);
    if (g.err) {
        free(g.code);
        return g.err;
    }
    *prog = g.code;
    *len = g.n;
    return 0;
}
