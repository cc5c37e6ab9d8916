/* The state of one guest hart (one guest thread). There is no global cpu: every function
 * that executes guest code takes the cpu it runs. */
#ifndef RV_CPU_H
#define RV_CPU_H
#include <stdint.h>
#include <setjmp.h>

struct rv_machine;
struct rv_block;
struct rv_rec;

/* Accrued exception flags, fcsr bits 4:0. */
enum { FF_NX = 1, FF_UF = 2, FF_OF = 4, FF_DZ = 8, FF_NV = 16 };
/* Rounding modes, fcsr bits 7:5 and the instruction rm field. */
enum { RM_RNE = 0, RM_RTZ = 1, RM_RDN = 2, RM_RUP = 3, RM_RMM = 4, RM_DYN = 7 };

/* Why the run loop stopped; see rv_run(). */
enum rv_exit { RV_EXIT_NONE, RV_EXIT_ECALL, RV_EXIT_FAULT, RV_EXIT_HALT };

struct rv_cpu {
    uint64_t x[33];          /* x[32] is a write sink: records with rd == x0 write there */
    uint64_t f[32];          /* raw 64-bit f registers; singles are NaN-boxed */
    uint64_t pc;
    uint32_t fflags;         /* FF_* bits */
    uint32_t frm;            /* RM_* dynamic rounding mode */
    uint64_t res_addr;       /* LR reservation: address, value loaded, valid flag */
    uint64_t res_val;
    int res_valid;
    uint64_t instret;        /* counted per block */
    struct rv_machine *m;
    /* the memory access the interpreter is at, for the fault path (its block and pc follow) */
    const struct rv_rec *cur;
    /* pending guest fault: signal, si_code and address */
    int sig, sig_code;
    uint64_t sig_addr;
    sigjmp_buf fault_jmp;
    volatile int in_guest;   /* 1 while guest code runs (host faults are guest faults) */
    int pending;             /* asks the run loop to stop at the next block boundary; set by
                                signal handlers and other threads, so accessed atomically */
    int halt;                /* the thread has exited */
    int tid;
    struct rv_cache *cache;  /* this thread's decoded blocks: threads never share blocks */
    /* signals (linux/signal.c) */
    uint64_t sig_blocked;    /* guest mask: bit n-1 for signal n */
    uint64_t sig_pending;    /* recorded by the host handler, not yet delivered */
    unsigned char sig_info[32][128];  /* siginfo of each pending standard signal */
    struct { int sig; unsigned char info[128]; } rtq[32];  /* queued real-time signals */
    int rtq_n;
    uint64_t saved_mask;     /* rt_sigsuspend's mask to restore after the handler */
    int saved_mask_valid;
    uint64_t ss_sp, ss_size; /* sigaltstack */
    int ss_flags;
    uint64_t orig_a0;        /* a0 at syscall entry, for restarts */
    int sys_intr;            /* the last syscall returned -EINTR (restart candidate) */
    int sys_intr_norestart;  /* ... but it is one Linux never restarts after a handler */
    /* threads (linux/thread.c) */
    uint64_t clear_child_tid;
    uint64_t robust_list, robust_len;
    struct rv_cpu *next;     /* the machine's thread list */
    /* JIT (jit/jit.c): where compiled code that returned to the run loop wants the code of
     * the block it leaves to: a chain slot to fill, or an indirect-jump inline cache */
    void **jit_link;
    void *jit_ic;
    void *jit_area;          /* the thread's code chunks */
    /* guest memory size less 1, 2, 4, 8: compiled accesses compare with these */
    uint64_t jit_lim1, jit_lim2, jit_lim4, jit_lim8;
};

static inline void rv_cpu_kick(struct rv_cpu *cpu)
{
    __atomic_store_n(&cpu->pending, 1, __ATOMIC_RELEASE);
}
static inline int rv_cpu_kicked(const struct rv_cpu *cpu)
{
    return __atomic_load_n(&cpu->pending, __ATOMIC_RELAXED);
}

#endif
