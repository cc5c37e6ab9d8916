/* Predecoded blocks and the block cache (design §4). A block is the records of a run of guest
 * instructions up to a control transfer, ECALL/EBREAK, FENCE.I, a length limit or a page end,
 * plus a terminal record. Blocks are found by pc through a hash table and chain directly to
 * their known successors. */
#ifndef RV_BLOCK_H
#define RV_BLOCK_H
#include <stddef.h>
#include <stdint.h>
#include "decode/decode.h"
#include "interp/cpu.h"

/* Internal operations beyond the instruction table. */
enum { RV_OP_X_FALLTHRU = RV_OP_COUNT, RV_OP_X_COUNT };

struct rv_rec {
    const void *h;      /* handler address (computed-goto build) */
    int64_t imm;
    uint32_t pcoff;     /* offset of this instruction from the block's pc */
    uint16_t op;
    uint8_t rd, rs1, rs2, rs3, rm, len;
    uint16_t idx;       /* index in the block: the fault path finds the block from a record */
    uint16_t jit_off;   /* where its code starts in the block's compiled code (host faults) */
};

struct rv_block {
    uint64_t pc;
    uint64_t end;                   /* pc after the last instruction */
    struct rv_block *hnext;         /* hash chain */
    struct rv_block *succ[2];       /* chained successors: [0] taken/jump, [1] fall-through */
    uint32_t n;                     /* guest instructions (records, less the terminal one) */
    uint32_t hits;                  /* executions in the interpreter, towards the JIT threshold */
    int jit_refused;                /* the JIT cannot compile it (counted in --stats) */
    void *jit;                      /* the block's host code (JIT) */
    struct rv_jit_links *jl;        /* a compiled block's links, allocated with its code */
    struct rv_rec recs[];
};

/* JIT: per chain slot, the successor's host code (filled lazily by the run loop; an exit
 * jumps through it until it is patched into a direct jump) and the exit's own code; the
 * inline cache of the indirect jump. Only compiled blocks have them: most blocks are never
 * compiled, and these 48 bytes were a third of every block's header. */
struct rv_jit_links {
    struct rv_jit_link { void *code; void *exit; } succ[2];
    struct rv_jit_ic { uint64_t pc; void *code; } ic;
};

#define RV_BLOCK_MAX 64

/* The block a record belongs to. */
static inline const struct rv_block *rv_rec_block(const struct rv_rec *r)
{
    return (const struct rv_block *)((const char *)(r - r->idx) - offsetof(struct rv_block, recs));
}

struct rv_machine;
/* Each guest thread has its own cache: blocks are decoded, run and freed by one host thread
 * only, so they need no locks, and a flush can never free a block another thread is in. */
/* the default --block-cache-size: decoded blocks of one thread before it starts over */
#define RV_BLOCK_CACHE_SIZE ((size_t)64 << 20)
struct rv_cache *rv_cache_new(struct rv_cpu *owner);
/* zeroed memory that lives and goes with the cache's blocks (a flush frees it) */
void *rv_cache_alloc(struct rv_cache *c, size_t n);
void rv_cache_free(struct rv_cache *c);
/* The block at pc in cpu's cache, decoded on a miss. NULL when pc cannot be fetched: then
 * cpu->sig is set. */
struct rv_block *rv_cache_get(struct rv_cpu *cpu, uint64_t pc);
/* Asks for every block of c to be dropped (any thread may ask): the owner's run loop stops
 * at its next block boundary and flushes in rv_cache_sync(). */
void rv_cache_flush(struct rv_cache *c);
void rv_cache_sync(struct rv_cache *c);
/* A direct-mapped cache of indirect-jump targets (returns, jump tables, calls through
 * pointers), probed by the interpreter before the hash table; emptied with the blocks. */
#define RV_JUMP_CACHE 1024
#define RV_JUMP_SLOT(pc) (((pc) >> 1) & (RV_JUMP_CACHE - 1))
struct rv_block **rv_cache_jumps(struct rv_cache *c);
/* Guest memory [start, end) changed its mapping: every thread drops its blocks if the range
 * may hold decoded code (the rv_mem `changed` callback; arg is the machine). */
void rv_code_changed(void *machine, uint64_t start, uint64_t end);
struct rv_cache_stats { uint64_t blocks, decoded, flushes; };
void rv_cache_stats(const struct rv_cache *c, struct rv_cache_stats *s);
/* The handler table of the computed-goto interpreter (set by the first rv_run(NULL)), and
 * its superinstructions: rv_fused[a][rv_fused_second[b] - 1] runs a then b's handler (NULL
 * in the switch build; rv_fused_second[b] is 0 for a b with none). */
extern const void *const *rv_handlers;
/* superinstructions need computed goto; a small build leaves them out (a fifth of its size);
 * for files that include config.h first */
#if defined(RV_DISPATCH_GOTO) && !defined(RV_SMALL)
#define RV_SUPER 1
#endif
extern const void *const (*rv_fused)[8];
extern const int rv_fused_second[];

#endif
