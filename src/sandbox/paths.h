/* The strict policy's path checks, between rules.c (what is allowed) and paths.c (resolving a
 * guest path race-free and rewriting it to the descriptor that was checked). */
#ifndef RV_SBX_PATHS_H
#define RV_SBX_PATHS_H
#include <stdint.h>
#include "sandbox/sbx.h"

enum {
    P_WRITE = 1,        /* modifies the file or its directory */
    P_NAME = 2,         /* acts on the name: a final symlink is not followed */
    P_CREATE = 4,       /* may create the name */
    P_EXEC = 8,         /* execve: the canonical path, not a descriptor (rvemu runs again) */
    P_KEEP = 16,        /* rvemu's own lookup (not a guest argument): checked, not rewritten */
};

struct sbx_intent {
    int dirarg;         /* argument holding the dirfd, -1 for the cwd */
    int how;            /* P_* */
    uint64_t oflags;    /* openat: the guest's open flags */
};

/* the intent of the k-th path a syscall's handler looks up (a: the argument registers) */
struct sbx_intent sbx_intent_of(const uint64_t *a, uint64_t nr, int k);
/* the deepest allowed tree holding canon (with write access if write), or NULL */
const struct sbx_root *sbx_root_of(const struct rv_sandbox *s, const char *canon, int write);
/* 0 when canon names a device of the list but fd is not that device */
int sbx_device_ok(const char *canon, int fd);

#endif
