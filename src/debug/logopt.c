/* The -d, -dfilter and -D options: log items, address filters, the log file. In a
 * --enable-small build the one-line messages (guest_errors, unimp) stay and the per-block
 * logs, -strace and the rest are refused at start (nodebug.c stands in for them). */
#include "config.h"
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include "rv.h"
#include "debug/log.h"

/* A --enable-small build has the one-line messages (guest_errors, unimp) only: the other
 * rows are left out with the logging module */
#ifdef RV_SMALL
#define FULL(...)
#else
#define FULL(...) __VA_ARGS__
#endif
static const struct { const char *name; unsigned bit; const char *help; } items[] = {
    FULL({ "in_asm", LOG_IN_ASM, "guest instructions of each decoded block" },)
    FULL({ "op", LOG_OP,
           "the predecoded operations of each block; the stencils of each compiled one" },)
    FULL({ "out_asm", LOG_OUT_ASM, "host code of each JIT-compiled block, as bytes" },)
    FULL({ "cpu", LOG_CPU, "registers before each executed block (implies nochain)" },)
    FULL({ "fpu", LOG_FPU, "with cpu: also the f registers and fcsr" },)
    FULL({ "exec", LOG_EXEC, "one line per executed block (implies nochain)" },)
    FULL({ "int", LOG_INT, "signals and exceptions delivered to the guest" },)
    FULL({ "strace", LOG_STRACE, "every syscall, its arguments and result" },)
    { "unimp", LOG_UNIMP, "unimplemented syscalls (ENOSYS) and features" },
    { "guest_errors", LOG_GUEST_ERRORS, "invalid requests from the guest (bad pointers, flags)" },
    FULL({ "page", LOG_PAGE, "the guest memory map at start" },)
    FULL({ "nochain", LOG_NOCHAIN,
           "do not chain blocks, so cpu and exec show complete traces" },)
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
#ifdef RV_SMALL
        if (i == NITEMS) {
            char what[48];
            snprintf(what, sizeof what, "-d %.*s", (int)(n < 40 ? n : 40), p);
            return rv_small_refuse(what);
        }
#endif
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

#ifdef RV_SMALL         /* it filters the per-block logs only */
int rv_log_parse_filter(struct rv_machine *m, const char *spec)
{
    (void)m;
    (void)spec;
    return rv_small_refuse("-dfilter");
}
#else
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
#endif

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
