/* The strict policy's part of a `configure --enable-small` build: none. --sandbox=strict and
 * the --allow-* options are refused in one line (options.c); the basic policy (the seccomp
 * filter) and the limits stay. These stand in for paths.c, rules.c and landlock.c, which
 * only strict uses: no descriptors of the sandbox's own, every path as the guest gave it. */
#include "config.h"
#include "sandbox/sbx.h"

int sbx_paths_init(struct rv_sandbox *s) { (void)s; return 0; }
int sbx_paths_start(struct rv_sandbox *s) { (void)s; return 0; }
void sbx_paths_begin(void) {}
void sbx_paths_release(void) {}
int sbx_fd_reserved(int fd) { (void)fd; return 0; }
void sbx_fd_reserve(int fd, int on) { (void)fd, (void)on; }
int sbx_fd_high(int fd) { return fd; }
int sbx_fd_path(int fd, char *buf, size_t cap) { (void)fd, (void)buf, (void)cap; return -1; }
int sbx_landlock(struct rv_sandbox *s) { (void)s; return 0; }

int sbx_path_allowed(const struct rv_sandbox *s, const char *canon, int write)
{
    (void)s, (void)canon, (void)write;
    return 1;
}

int rv_sandbox_path(const struct rv_machine *m, char *path, size_t cap)
{
    (void)m, (void)path, (void)cap;
    return 0;
}
