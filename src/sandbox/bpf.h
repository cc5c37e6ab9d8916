/* A seccomp filter compiler: rules (syscall number, argument comparisons, action) in, a
 * classic BPF program out. rvemu builds its filter at every start, so this is written to take
 * microseconds: rules are sorted once and the syscall number is found by a binary search. */
#ifndef RV_SBX_BPF_H
#define RV_SBX_BPF_H
#include <stddef.h>
#include <stdint.h>
#include <linux/filter.h>

enum { SBX_CMP_EQ, SBX_CMP_NE, SBX_CMP_LE, SBX_CMP_MASKED_EQ };

/* One comparison of argument `arg` (0-5). A 32-bit comparison looks at the low half only
 * (how the kernel passes an int); a 64-bit one at both halves. */
struct sbx_cmp {
    uint8_t arg, op, wide;
    uint64_t mask;      /* SBX_CMP_MASKED_EQ: (arg & mask) == val */
    uint64_t val;
};

#define SBX_MAX_CMPS 3
struct sbx_rule {
    int nr;
    uint32_t action;        /* SECCOMP_RET_* */
    int ncmp;
    struct sbx_cmp cmp[SBX_MAX_CMPS];
    unsigned seq;           /* insertion order: the first matching rule of a syscall wins */
};

struct sbx_bpf {
    struct sbx_rule *rules;
    size_t nrules, cap;
    int failed;             /* out of memory or a bad rule: sbx_bpf_build reports it */
};

/* adds one rule; several rules for one syscall are tried in the order added */
void sbx_bpf_rule(struct sbx_bpf *b, int nr, uint32_t action, int ncmp, const struct sbx_cmp *c);
/* The program: a wrong audit architecture gets `badarch`, a syscall without rules (or whose
 * rules all fail) `dflt`. 0 with the program in *prog (malloc'd) and *len, or a negative errno. */
int sbx_bpf_build(struct sbx_bpf *b, uint32_t arch, uint32_t badarch, uint32_t dflt,
                  struct sock_filter **prog, size_t *len);
void sbx_bpf_free(struct sbx_bpf *b);

/* host syscall names (generated from sys/syscall.h): the number or -1; the name or NULL */
int sbx_sys_nr(const char *name);
const char *sbx_sys_name(int nr);

#endif
