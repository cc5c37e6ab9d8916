/* The seccomp filter compiler (src/sandbox/bpf.c) against two references: the rules'
 * meaning evaluated directly, and, where libseccomp is installed, the program libseccomp
 * makes of the same rules. Random rule sets (many syscalls, several rules each, 32- and 64-bit
 * comparisons of every kind) are compiled; each program runs in a small classic-BPF
 * interpreter here on syscalls aimed at the rules' values and edges. Exit 0 or 1. */
#include "config.h"
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/audit.h>
#include <linux/seccomp.h>
#include "sandbox/bpf.h"
#ifdef RV_TEST_LIBSECCOMP
#include <seccomp.h>
#include <unistd.h>
#endif

#define ARCH AUDIT_ARCH_X86_64      /* any: the programs run here, not in the kernel */
#define BADARCH SECCOMP_RET_KILL_PROCESS
#define DFLT SECCOMP_RET_TRAP

static uint64_t rng = 0x9e3779b97f4a7c15u;
static uint64_t rnd(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return rng;
}

/* the kernel's classic BPF over struct seccomp_data, with the checks its verifier makes */
static uint32_t run(const struct sock_filter *p, size_t len, uint32_t arch, int nr,
                    const uint64_t args[6], int *bad)
{
    struct seccomp_data d;
    memset(&d, 0, sizeof d);
    d.nr = nr;
    d.arch = arch;
    memcpy(d.args, args, sizeof d.args);
    uint32_t a = 0;
    for (size_t pc = 0; pc < len; pc++) {
        const struct sock_filter *f = &p[pc];
        size_t to = pc;
        switch (f->code) {
        case BPF_LD | BPF_W | BPF_ABS:
            if (f->k % 4 || f->k + 4 > sizeof d) {
                *bad = 1;
                return 0;
            }
            memcpy(&a, (const char *)&d + f->k, 4);
            continue;
        case BPF_ALU | BPF_AND | BPF_K: a &= f->k; continue;
        case BPF_RET | BPF_K: return f->k;
        case BPF_JMP | BPF_JA: to = pc + f->k; break;
        case BPF_JMP | BPF_JEQ | BPF_K: to = pc + (a == f->k ? f->jt : f->jf); break;
        case BPF_JMP | BPF_JGT | BPF_K: to = pc + (a > f->k ? f->jt : f->jf); break;
        case BPF_JMP | BPF_JGE | BPF_K: to = pc + (a >= f->k ? f->jt : f->jf); break;
        case BPF_JMP | BPF_JSET | BPF_K: to = pc + (a & f->k ? f->jt : f->jf); break;
        default:
            *bad = 1;       /* an instruction this test (and the compiler) does not use */
            return 0;
        }
        if (to + 1 >= len) {
            *bad = 1;       /* a jump out of the program */
            return 0;
        }
        pc = to;
    }
    *bad = 1;               /* fell off the end: the kernel refuses such programs */
    return 0;
}

static int holds(const struct sbx_cmp *c, const uint64_t args[6])
{
    uint64_t v = c->wide ? args[c->arg] : (uint32_t)args[c->arg];
    uint64_t want = c->wide ? c->val : (uint32_t)c->val;
    uint64_t mask = c->wide ? c->mask : (uint32_t)c->mask;
    switch (c->op) {
    case SBX_CMP_EQ: return v == want;
    case SBX_CMP_NE: return v != want;
    case SBX_CMP_LE: return v <= want;
    default: return (v & mask) == want;
    }
}

/* what the rules mean: the first rule of the syscall whose comparisons all hold */
static uint32_t meaning(const struct sbx_rule *r, size_t n, int nr, const uint64_t args[6])
{
    for (size_t i = 0; i < n; i++) {
        if (r[i].nr != nr)
            continue;
        int ok = 1;
        for (int k = 0; ok && k < r[i].ncmp; k++)
            ok = holds(&r[i].cmp[k], args);
        if (ok)
            return r[i].action;
    }
    return DFLT;
}

static uint64_t near(uint64_t v)
{
    switch (rnd() % 6) {
    case 0: return v;
    case 1: return v + 1;
    case 2: return v - 1;
    case 3: return v ^ (1ull << (rnd() % 64));
    case 4: return (v & 0xffffffffu) | (rnd() << 32);     /* same low half */
    default: return rnd() >> (rnd() % 64);
    }
}

#ifdef RV_TEST_LIBSECCOMP
/* The same rules through libseccomp: all ALLOW, so its "any rule" equals "first rule"; all
 * 64-bit and one comparison an argument (libseccomp's 32-bit comparisons still test the
 * high half, against zero, where the kernel reads an int from the low half only); and one
 * rule a syscall: with several rules comparing one argument (LE in one, EQ in another),
 * libseccomp 2.5.4's merged tree gives wrong answers both ways, where this compiler and the
 * rules' meaning agree (seen with this test). */
static struct sock_filter *with_libseccomp(const struct sbx_rule *r, size_t n, size_t *len)
{
    scmp_filter_ctx ctx = seccomp_init(DFLT);
    if (!ctx)
        return NULL;
    seccomp_attr_set(ctx, SCMP_FLTATR_ACT_BADARCH, BADARCH);
    seccomp_arch_remove(ctx, SCMP_ARCH_NATIVE);
    seccomp_arch_add(ctx, SCMP_ARCH_X86_64);
    static const enum scmp_compare ops[] = { SCMP_CMP_EQ, SCMP_CMP_NE, SCMP_CMP_LE,
                                             SCMP_CMP_MASKED_EQ };
    for (size_t i = 0; i < n; i++) {
        struct scmp_arg_cmp c[SBX_MAX_CMPS];
        for (int k = 0; k < r[i].ncmp; k++) {
            const struct sbx_cmp *s = &r[i].cmp[k];
            c[k] = (struct scmp_arg_cmp){ s->arg, ops[s->op],
                s->op == SBX_CMP_MASKED_EQ ? s->mask : s->val, s->val };
        }
        if (seccomp_rule_add_exact_array(ctx, r[i].action, r[i].nr, (unsigned)r[i].ncmp, c)) {
            seccomp_release(ctx);
            return NULL;
        }
    }
    int fd[2];
    struct sock_filter *p = NULL;
    if (pipe(fd) == 0) {
        if (seccomp_export_bpf(ctx, fd[1]) == 0) {
            static struct sock_filter buf[4096];
            close(fd[1]);
            fd[1] = -1;
            ssize_t got = read(fd[0], buf, sizeof buf);
            if (got > 0 && (p = malloc((size_t)got))) {
                memcpy(p, buf, (size_t)got);
                *len = (size_t)got / sizeof *buf;
            }
        }
        close(fd[0]);
        if (fd[1] >= 0)
            close(fd[1]);
    }
    seccomp_release(ctx);
    return p;
}
#endif

int main(void)
{
    int fails = 0, oracle = 0;
    for (int set = 0; set < 300 && fails < 10; set++) {
        struct sbx_bpf b = { 0 };
        size_t nsys = 1 + rnd() % (set < 100 ? 20 : 400);
        uint32_t act = set % 2 ? SECCOMP_RET_ALLOW : 0;    /* odd sets: libseccomp's too */
        for (size_t s = 0; s < nsys; s++) {
            int nr = act ? (int)((s * 5 + (size_t)set) % 512) : (int)(rnd() % 512);
            int nrules = rnd() % 4 ? 1 + (int)(rnd() % 3) : 1 + (int)(rnd() % 40);
            if (act)
                nrules = 1;     /* see with_libseccomp */
            for (int k = 0; k < nrules; k++) {
                struct sbx_cmp c[SBX_MAX_CMPS];
                int n = rnd() % 5 == 0 ? 0 : 1 + (int)(rnd() % SBX_MAX_CMPS);
                uint8_t arg = (uint8_t)(rnd() % 6), op = (uint8_t)(rnd() % 4);
                for (int j = 0; j < n; j++) {
                    if (rnd() % 2) {        /* mixed rules, or runs of one kind (ioctl's) */
                        arg = (uint8_t)(rnd() % 6);
                        op = (uint8_t)(rnd() % 4);
                    }
                    if (act)
                        arg = (uint8_t)((nr + k + j) % 6);
                    c[j] = (struct sbx_cmp){ arg, op, (uint8_t)(act || rnd() % 2),
                                             rnd() >> (rnd() % 64), rnd() >> (rnd() % 64) };
                    if (op == SBX_CMP_MASKED_EQ)
                        c[j].val &= c[j].mask;  /* libseccomp requires it; else never holds */
                }
                uint32_t a = act ? act : (rnd() % 3 ? SECCOMP_RET_ALLOW
                                                     : SECCOMP_RET_ERRNO | (uint32_t)(rnd() % 100));
                sbx_bpf_rule(&b, nr, a, n, c);
            }
        }
        struct sbx_rule *rules = malloc(b.nrules * sizeof *rules);
        size_t nrules = b.nrules;
        memcpy(rules, b.rules, nrules * sizeof *rules);
        struct sock_filter *prog;
        size_t len;
        int r = sbx_bpf_build(&b, ARCH, BADARCH, DFLT, &prog, &len);
        if (r == -E2BIG) {      /* too many rules for one program: a refusal, not a fault */
            sbx_bpf_free(&b);
            free(rules);
            continue;
        }
        if (r) {
            printf("FAIL: set %d: build: %s\n", set, strerror(-r));
            fails++;
            sbx_bpf_free(&b);
            free(rules);
            continue;
        }
        struct sock_filter *ref = NULL;
        size_t reflen = 0;
#ifdef RV_TEST_LIBSECCOMP
        if (act)
            ref = with_libseccomp(rules, nrules, &reflen);
        oracle += ref != NULL;
#endif
        for (int t = 0; t < 3000; t++) {
            const struct sbx_rule *pick = &rules[rnd() % nrules];
            int nr = rnd() % 4 ? pick->nr : (int)(rnd() % 600);
            uint64_t args[6];
            for (int i = 0; i < 6; i++)
                args[i] = rnd() >> (rnd() % 64);
            for (int k = 0; k < pick->ncmp; k++)
                args[pick->cmp[k].arg] = near(pick->cmp[k].val);
            uint32_t arch = t % 50 ? ARCH : AUDIT_ARCH_I386;
            int bad = 0;
            uint32_t want = arch == ARCH ? meaning(rules, nrules, nr, args) : BADARCH;
            uint32_t got = run(prog, len, arch, nr, args, &bad);
            if (bad || got != want) {
                printf("FAIL: set %d: syscall %d args %#llx %#llx %#llx: %s %#x, expected %#x\n",
                       set, nr, (unsigned long long)args[0], (unsigned long long)args[1],
                       (unsigned long long)args[2], bad ? "bad program," : "", got, want);
                fails++;
                break;
            }
            if (ref) {
                uint32_t theirs = run(ref, reflen, arch, nr, args, &bad);
                if (!bad && theirs != got) {
                    printf("FAIL: set %d: syscall %d: %#x, libseccomp's %#x\n", set, nr, got,
                           theirs);
                    fails++;
                    break;
                }
            }
        }
        free(ref);
        free(prog);
        free(rules);
        sbx_bpf_free(&b);
    }
    printf("%s: 300 rule sets, 3000 syscalls each%s\n", fails ? "FAIL" : "ok",
           oracle ? ", odd sets also against libseccomp" : " (no libseccomp oracle)");
    return fails != 0;
}
