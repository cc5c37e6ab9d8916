/* -strace: one line per syscall, as qemu-riscv64 prints it ("pid name(args) = result"), the
 * arguments decoded by the argument kinds of the syscall table. The line is built before the
 * call (strings may change or vanish) and printed with the result after it. */
#include <inttypes.h>
#include <stdarg.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>
#include "debug/log.h"
#include "linux/syscall.h"

static __thread char line[1024];
static __thread size_t len;

static void put(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(line + len, sizeof line - len, fmt, ap);
    va_end(ap);
    if (n > 0)
        len = len + (size_t)n < sizeof line ? len + (size_t)n : sizeof line - 1;
}

struct flag { uint64_t bit; const char *name; };

static void put_flags(uint64_t v, const struct flag *t, const char *zero)
{
    int any = 0;
    if (v == 0 && zero) {
        put("%s", zero);
        return;
    }
    for (; t->name; t++)
        if ((v & t->bit) == t->bit) {
            put("%s%s", any++ ? "|" : "", t->name);
            v &= ~t->bit;
        }
    if (v || !any)
        put("%s0x%" PRIx64, any ? "|" : "", v);
}

static const struct flag open_flags[] = {
    { 0100, "O_CREAT" }, { 0200, "O_EXCL" },
    { 0400, "O_NOCTTY" }, { 01000, "O_TRUNC" }, { 02000, "O_APPEND" }, { 04000, "O_NONBLOCK" },
    { 04010000, "O_SYNC" }, { 010000, "O_DSYNC" }, { 0200000, "O_DIRECTORY" },
    { 0400000, "O_NOFOLLOW" }, { 02000000, "O_CLOEXEC" }, { 010000000, "O_PATH" },
    { 040000, "O_DIRECT" }, { 0100000, "O_LARGEFILE" }, { 01000000, "O_NOATIME" }, { 0, NULL } };
static const struct flag prot_flags[] = {
    { PROT_READ, "PROT_READ" }, { PROT_WRITE, "PROT_WRITE" }, { PROT_EXEC, "PROT_EXEC" }, { 0, NULL } };
static const struct flag map_flags[] = {
    { 0x01, "MAP_SHARED" }, { 0x02, "MAP_PRIVATE" }, { 0x10, "MAP_FIXED" },
    { 0x20, "MAP_ANONYMOUS" }, { 0x4000, "MAP_NORESERVE" }, { 0x8000, "MAP_POPULATE" },
    { 0x20000, "MAP_STACK" }, { 0x100000, "MAP_FIXED_NOREPLACE" }, { 0x100, "MAP_GROWSDOWN" },
    { 0x800, "MAP_DENYWRITE" }, { 0, NULL } };

static const char *const sig_names[32] = {
    "0", "SIGHUP", "SIGINT", "SIGQUIT", "SIGILL", "SIGTRAP", "SIGABRT", "SIGBUS", "SIGFPE",
    "SIGKILL", "SIGUSR1", "SIGSEGV", "SIGUSR2", "SIGPIPE", "SIGALRM", "SIGTERM", "SIGSTKFLT",
    "SIGCHLD", "SIGCONT", "SIGSTOP", "SIGTSTP", "SIGTTIN", "SIGTTOU", "SIGURG", "SIGXCPU",
    "SIGXFSZ", "SIGVTALRM", "SIGPROF", "SIGWINCH", "SIGIO", "SIGPWR", "SIGSYS" };
static const char *const clock_names[] = {
    "CLOCK_REALTIME", "CLOCK_MONOTONIC", "CLOCK_PROCESS_CPUTIME_ID", "CLOCK_THREAD_CPUTIME_ID",
    "CLOCK_MONOTONIC_RAW", "CLOCK_REALTIME_COARSE", "CLOCK_MONOTONIC_COARSE", "CLOCK_BOOTTIME" };

static void put_string(struct rv_cpu *cpu, uint64_t a)
{
    char buf[4096];
    if (!a) {
        put("NULL");
        return;
    }
    long n = rv_strcpy_from_guest(MEM, buf, a, sizeof buf);
    if (n < 0) {
        put("0x%" PRIx64, a);
        return;
    }
    put("\"");
    for (long i = 0; i < n && i < 64; i++) {
        unsigned char c = (unsigned char)buf[i];
        if (c == '"' || c == '\\')
            put("\\%c", c);
        else if (c == '\n')
            put("\\n");
        else if (c < 32 || c >= 127)
            put("\\%o", c);
        else
            put("%c", c);
    }
    put(n > 64 ? "\"..." : "\"");
}

static void put_arg(struct rv_cpu *cpu, char kind, uint64_t v)
{
    switch (kind) {
    case 'a':
        if ((int)v == -100) {
            put("AT_FDCWD");
            break;
        }
        /* fall through */
    case 'f': case 'd': put("%d", (int)v); break;
    case 'u': put("%" PRIu64, v); break;
    case 'p': if (!v) { put("NULL"); break; } /* fall through */
    case 'x': put(v ? "0x%" PRIx64 : "0", v); break;
    case 's': put_string(cpu, v); break;
    case 'o': {
        static const char *const acc[] = { "O_RDONLY", "O_WRONLY", "O_RDWR", "O_ACCMODE" };
        put("%s", acc[v & 3]);
        if (v & ~(uint64_t)3) {
            put("|");
            put_flags(v & ~(uint64_t)3, open_flags, NULL);
        }
        break;
    }
    case 'm': put("0%" PRIo64, v); break;
    case 'P': put_flags(v, prot_flags, "PROT_NONE"); break;
    case 'M': put_flags(v, map_flags, NULL); break;
    case 'w': put(v == 0 ? "SEEK_SET" : v == 1 ? "SEEK_CUR" : v == 2 ? "SEEK_END" : "%" PRIu64, v); break;
    case 'g':                       /* a signal number */
        if (v >= 1 && v < 32)
            put("%s", sig_names[v]);
        else if (v >= 32 && v <= 64)
            put("SIGRT%d", (int)v - 32);
        else
            put("%" PRIu64, v);
        break;
    case 'c':                       /* a clock id */
        if (v < sizeof clock_names / sizeof *clock_names && clock_names[v])
            put("%s", clock_names[v]);
        else
            put("%d", (int)v);
        break;
    case 't': {                     /* a struct timespec the call reads */
        int64_t ts[2];
        if (!v)
            put("NULL");
        else if (rv_copy_from_guest(MEM, ts, v, sizeof ts))
            put("0x%" PRIx64, v);
        else if (rv_le_fix(ts, "88", sizeof ts, 1), 1)
            put("{tv_sec=%" PRId64 ",tv_nsec=%" PRId64 "}", ts[0], ts[1]);
        break;
    }
    default: put("0x%" PRIx64, v); break;
    }
}

void rv_strace_enter(struct rv_cpu *cpu, uint64_t nr)
{
    const struct rv_sys_info *s = rv_sys_info(nr);
    len = 0;
    put("%d ", getpid());
    if (!s) {
        put("Unknown syscall %" PRIu64, nr);
    } else {
        put("%s(", s->name);
        const char *k = s->kinds;
        for (int i = 0; k[i] && k[i] != '='; i++) {
            /* a mode argument means something only when the flags create a file */
            if (k[i] == 'm' && i > 0 && k[i - 1] == 'o' && !(cpu->x[10 + i - 1] & 020000100))
                break;
            put("%s", i ? "," : "");
            put_arg(cpu, k[i], cpu->x[10 + i]);
        }
        put(")");
    }
    /* calls that do not return print now */
    if (nr == 93 || nr == 94) {
        fprintf(cpu->m->log, "%s\n", line);
        fflush(cpu->m->log);
    }
}

void rv_strace_exit(struct rv_cpu *cpu, uint64_t nr, int64_t ret)
{
    const struct rv_sys_info *s = rv_sys_info(nr);
    if (!s) {                       /* as qemu: the unknown number alone */
        fprintf(cpu->m->log, "%s\n", line);
        fflush(cpu->m->log);
        return;
    }
    const char *eq = s && s->kinds ? strchr(s->kinds, '=') : NULL;
    if (ret < 0 && ret >= -4095)
        put(" = -1 errno=%d (%s)", (int)-ret, strerror((int)-ret));
    else if (eq && eq[1] == 'x')
        put(" = 0x%016" PRIx64, (uint64_t)ret);
    else
        put(" = %" PRId64, ret);
    fprintf(cpu->m->log, "%s\n", line);
    fflush(cpu->m->log);
}
