/* --stats: what the run cost, printed to stderr at exit. */
#include <inttypes.h>
#include <stdlib.h>
#include <sys/resource.h>
#include "config.h"
#include "rv.h"
#include "debug/log.h"
#include "interp/block.h"
#include "linux/syscall.h"
#ifdef RV_JIT
#include "jit/jit.h"
#endif

struct count { const char *name; uint64_t n; };

static int by_count(const void *a, const void *b)
{
    const struct count *x = a, *y = b;
    return x->n < y->n ? 1 : x->n > y->n ? -1 : 0;
}

/* The peak resident set of this program image (VmHWM): getrusage's maximum also counts the
 * image before execve, a fork of whatever started rvemu (a shell: about a megabyte, which
 * decides a small host's figure). getrusage's where /proc cannot be read. */
static long peak_rss(long ru_maxrss)
{
    FILE *f = fopen("/proc/self/status", "re");
    char line[128];
    long kib = -1;
    while (f && kib < 0 && fgets(line, sizeof line, f))
        if (sscanf(line, "VmHWM: %ld kB", &kib) != 1)
            kib = -1;
    if (f)
        fclose(f);
    return kib >= 0 ? kib : ru_maxrss;
}

void rv_stats_print(struct rv_machine *m, struct rv_cpu *cpu)
{
    struct timespec now;
    struct rusage ru;
    clock_gettime(CLOCK_MONOTONIC, &now);
    getrusage(RUSAGE_SELF, &ru);
    double wall = (double)(now.tv_sec - m->t_start.tv_sec) +
                  (double)(now.tv_nsec - m->t_start.tv_nsec) / 1e9;
    double user = (double)ru.ru_utime.tv_sec + (double)ru.ru_utime.tv_usec / 1e6;
    double sys = (double)ru.ru_stime.tv_sec + (double)ru.ru_stime.tv_usec / 1e6;
    struct rv_cache_stats cs;
    rv_cache_stats(cpu->cache, &cs);     /* the exiting thread's blocks */
    FILE *f = stderr;
    fprintf(f, "rvemu stats:\n");
    fprintf(f, "  guest instructions: %" PRIu64 "\n", cpu->instret);
    fprintf(f, "  guest MIPS: %.1f\n", wall > 0 ? (double)cpu->instret / wall / 1e6 : 0.0);
    fprintf(f, "  blocks decoded: %" PRIu64 "\n", cs.decoded);
#ifdef RV_JIT
    struct rv_jit_stats js;
    rv_jit_get_stats(&js);
    if (m->jit_on) {
        fprintf(f, "  blocks compiled (JIT): %" PRIu64 " (%" PRIu64 " guest instructions), "
                   "not compilable: %" PRIu64 "\n", js.blocks, js.guest_insns, js.refused);
        fprintf(f, "  JIT code: %" PRIu64 " bytes, %.1f bytes per guest instruction; "
                   "compile time %.3f ms, %.2f us per block\n", js.bytes,
                js.guest_insns ? (double)js.bytes / (double)js.guest_insns : 0.0, js.ns / 1e6,
                js.blocks ? js.ns / 1e3 / (double)js.blocks : 0.0);
        fprintf(f, "  JIT code flushes: %" PRIu64 " (region full %" PRIu64 " times), exits "
                   "linked: %" PRIu64 "\n", js.flushes, js.full, js.links);
    } else
#endif
        fprintf(f, "  blocks compiled (JIT): 0 (JIT off)\n");
    fprintf(f, "  block cache flushes: %" PRIu64 "\n", cs.flushes);
    fprintf(f, "  wall time: %.3f s, cpu time: %.3f s user, %.3f s system\n", wall, user, sys);
    fprintf(f, "  peak memory (RSS): %ld KiB\n", peak_rss(ru.ru_maxrss));
    struct count c[RV_SYS_MAX + 1];
    int n = 0;
    uint64_t total = 0;
    for (int i = 0; i <= RV_SYS_MAX; i++)
        if (m->sys_counts[i]) {
            c[n].name = rv_sys_info((uint64_t)i) ? rv_sys_info((uint64_t)i)->name : "(unknown)";
            c[n++].n = m->sys_counts[i];
            total += m->sys_counts[i];
        }
    qsort(c, (size_t)n, sizeof *c, by_count);
    fprintf(f, "  syscalls: %" PRIu64 "\n", total);
    for (int i = 0; i < n; i++)
        fprintf(f, "    %-20s %" PRIu64 "\n", c[i].name, c[i].n);
}
