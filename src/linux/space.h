/* The sizes of rvemu's two large reservations, the guest address space (-R) and the JIT's code
 * region (--jit-cache-size), chosen to fit the host: its pointer width and RLIMIT_AS. */
#ifndef RV_SPACE_H
#define RV_SPACE_H
#include "rv.h"

/* The default guest address space, as log2: 256 GiB on a 64-bit host; on a 32-bit one, whose
 * processes have 3 or 4 GiB in all, 1 GiB (or the largest power of two below it that can be
 * reserved). */
#define RV_SPACE_DEFAULT_BITS (sizeof(void *) == 8 ? 38 : 30)
/* the smallest guest address space (-R 16M) */
#define RV_SPACE_MIN_BITS 24

/* Reserves m->mem: with -R, that size or a one-line error; without, the default or less where
 * the host or RLIMIT_AS does not allow it (saying so on stderr for RLIMIT_AS). Also sets the
 * JIT's code region size (m->opts.jit_cache_size) when --jit-cache-size was not given and the
 * JIT will run (jit != 0), smaller under a low RLIMIT_AS. 0, or -1 after a one-line message. */
int rv_space_reserve(struct rv_machine *m, int jit);

#endif
