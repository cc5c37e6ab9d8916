/* Option parsing: QEMU's single-dash names (-L, -E, -U, -0, -s, -d, -D, -R, -singlestep),
 * also accepted with two dashes, plus rvemu's long options. Options end at the program name. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "config.h"
#include "options.h"

#ifndef RV_SMALL
#define DEBUG_USAGE \
"  -d item[,item...]        log items: in_asm, op, out_asm, cpu, fpu, exec, int, strace,\n" \
"                           unimp, guest_errors, page, nochain (-d help lists them)\n" \
"  -D logfile               write the log to logfile instead of stderr\n" \
"  -dfilter range[,...]     log only blocks at these guest addresses\n" \
"                           (START..END, START+LEN, END-LEN)\n" \
"  -strace                  print every syscall, its arguments and result\n"
#define GDB_JIT_USAGE \
"  -g port                  wait for gdb (target remote :port) before the first instruction\n" \
"  --no-jit                 run in the interpreter only\n" \
"  --jit-threshold=N        compile a block after N executions in the interpreter\n" \
"                           (default 50; 0 compiles every block at its first execution)\n" \
"  --jit-cache-size=SIZE    room for compiled code (default 64M, at least 256K); when it\n" \
"                           is full a thread drops its compiled code and starts over\n" \
"  -perfmap                 write /tmp/perf-PID.map so that perf names compiled blocks\n" \
"  --jit-region=ADDR        (internal) where a re-executed rvemu puts its JIT code: the\n" \
"                           seccomp filter it inherits allows executable pages only there\n"
#else   /* what a --enable-small build leaves out, it does not describe */
#define DEBUG_USAGE \
"  -d guest_errors,unimp    one-line messages: invalid requests, unimplemented syscalls\n" \
"  -D logfile               write them to logfile instead of stderr\n"
/* -g is refused; the JIT options do nothing, as on hosts without one */
#define GDB_JIT_USAGE ""
#endif
static const char usage[] =
"usage: rvemu [options] program [arguments...]\n"
"Run a riscv64 Linux program on this host.\n"
"\n"
"Options (QEMU's names; one or two leading dashes):\n"
"  -h, -help, --help        print this help and exit\n"
"  -version, --version      print the version and exit\n"
"  --binfmt                 print the binfmt_misc line that runs riscv64 programs with this\n"
"                           rvemu (tools/rvemu-binfmt.sh registers it)\n"
"  -L path                  prefix for the ELF interpreter and absolute paths\n"
"                           (dynamic programs; env RVEMU_LD_PREFIX, QEMU_LD_PREFIX)\n"
"  -E var=value             set var in the guest's environment\n"
"  -U var                   remove var from the guest's environment\n"
"  -0 argv0                 pass argv0 as the program's argv[0]\n"
"  -s size                  guest stack size (default 8M; suffixes K, M, G)\n"
"  -R size                  size of the guest address space, rounded up to a power of two\n"
"                           (default 256G, the whole Sv39 user space, or the largest the\n"
"                           host gives; 1G on a 32-bit host; less under a low RLIMIT_AS)\n"
DEBUG_USAGE
"  -singlestep, -one-insn-per-tb\n"
"                           decode one instruction per block (-d cpu then shows the\n"
"                           state after every instruction)\n"
"  --stats                  at exit print instructions, blocks, syscalls, time, memory\n"
"  --block-cache-size=SIZE  decoded blocks a thread keeps (default 64M, at least 256K);\n"
"                           past it the thread drops them and decodes again\n"
GDB_JIT_USAGE
"\n"
"%s"
"\n"
"Environment: RVEMU_x or QEMU_x give defaults for options: LD_PREFIX (-L), STACK_SIZE\n"
"(-s), RESERVED_VA (-R), LOG (-d), LOG_FILENAME (-D), DFILTER (-dfilter), STRACE (-strace),\n"
"SINGLESTEP (-singlestep), ARGV0 (-0), GDB (-g).\n"
"\n"
"The exit status is the program's; a program killed by a signal makes rvemu die of the\n"
"same signal after a one-line message.\n";

int64_t rv_parse_size(const char *s)
{
    char *end;
    errno = 0;
    unsigned long long v = strtoull(s, &end, 0);
    if (errno || end == s || *s == '-')
        return -1;
    unsigned shift = 0;
    switch (*end) {
    case 'k': case 'K': shift = 10; end++; break;
    case 'm': case 'M': shift = 20; end++; break;
    case 'g': case 'G': shift = 30; end++; break;
    case 0: break;
    default: return -1;
    }
    if (*end == 'B' || *end == 'b')
        end++;
    if (*end || v > (1ull << 50) >> shift)
        return -1;
    return (int64_t)(v << shift);
}

static int err1(const char *fmt, const char *a)
{
    fprintf(stderr, "rvemu: ");
    fprintf(stderr, fmt, a);
    fprintf(stderr, " (try 'rvemu --help')\n");
    return -1;
}

static int set_stack(struct rv_opts *o, const char *v)
{
    int64_t s = rv_parse_size(v);
    if (s < 65536 || s > (int64_t)1 << 32)
        return err1("bad stack size '%s' (64K to 4G)", v);
    o->stack_size = (uint64_t)s;
    return 0;
}

static int set_space(struct rv_opts *o, const char *v)
{
    int64_t s = rv_parse_size(v);
    if (s < (int64_t)16 << 20 || s > (int64_t)1 << 47)
        return err1("bad address-space size '%s' (16M to 128T)", v);
    int bits = 24;
    while (((int64_t)1 << bits) < s)
        bits++;
    o->mem_bits = bits;
    return 0;
}

/* RVEMU_NAME, else QEMU_NAME */
static const char *env_default(const char *name)
{
    char buf[64];
    snprintf(buf, sizeof buf, "RVEMU_%s", name);
    const char *v = getenv(buf);
    if (!v) {
        snprintf(buf, sizeof buf, "QEMU_%s", name);
        v = getenv(buf);
    }
    return v && *v ? v : NULL;
}

static int env_defaults(struct rv_opts *o)
{
    const char *v;
    o->ld_prefix = env_default("LD_PREFIX");
    o->log_items = env_default("LOG");
    o->log_file = env_default("LOG_FILENAME");
    o->log_filter = env_default("DFILTER");
    o->argv0 = env_default("ARGV0");
    o->gdb_port = env_default("GDB");
    o->strace = env_default("STRACE") != NULL;
    o->singlestep = env_default("SINGLESTEP") != NULL;
    if ((v = env_default("STACK_SIZE")) && set_stack(o, v))
        return -1;
    if ((v = env_default("RESERVED_VA")) && set_space(o, v))
        return -1;
    return 0;
}

/* Whether name is the option opt, given as "opt=value" or "opt value"; then *v is the value
 * (taking the next argument for the second form), or NULL when there is none. */
static int long_value(const char *name, const char *opt, int argc, char **argv, int *i,
                      const char **v)
{
    size_t n = strlen(opt);
    if (strncmp(name, opt, n) || (name[n] && name[n] != '='))
        return 0;
    *v = name[n] ? name + n + 1 : *i + 1 < argc ? argv[++*i] : NULL;
    return 1;
}

/* --jit-cache-size and --block-cache-size: 256K to 4G */
static int cache_size(const char *a, const char *opt, const char *v, uint64_t *out)
{
    int64_t n = v ? rv_parse_size(v) : -1;
    if (!v)
        return err1("option '%s' needs an argument", a);
    if (n < (256 << 10) || n > ((int64_t)1 << 32)) {
        fprintf(stderr, "rvemu: bad --%s '%s' (256K to 4G) (try 'rvemu --help')\n", opt, v);
        return -1;
    }
    *out = (uint64_t)n;
    return 0;
}

int rv_parse_cmdline(int argc, char **argv, struct rv_cmdline *c)
{
    memset(c, 0, sizeof *c);
    c->opts.stack_size = 8u << 20;
    c->opts.mem_bits = 0;       /* linux/space.c chooses */
    c->opts.jit_threshold = RV_JIT_THRESHOLD;
    c->opts.jit_cache_size = 0; /* RV_JIT_CACHE_SIZE, or less (linux/space.c) */
    if (env_defaults(&c->opts))
        return -1;
    c->env_set = calloc((size_t)argc + 1, sizeof *c->env_set);
    c->env_unset = calloc((size_t)argc + 1, sizeof *c->env_unset);
    if (!c->env_set || !c->env_unset)
        return err1("%s", "out of memory");
    int i = 1;
    for (; i < argc; i++) {
        const char *a = argv[i];
        if (a[0] != '-' || a[1] == 0)
            break;
        if (strcmp(a, "--") == 0) {
            i++;
            break;
        }
        const char *name = a + 1 + (a[1] == '-');
        int sr = rv_sandbox_parse_opt(&c->opts.sandbox, name, i + 1 < argc ? argv[i + 1] : NULL);
        if (sr < 0)
            return -1;
        if (sr > 0) {
            i += sr - 1;
            continue;
        }
        /* JIT options: --name=value or --name value */
        const char *v;
        if (long_value(name, "jit-region", argc, argv, &i, &v)) {
            char *end;
            if (!v)
                return err1("option '%s' needs an argument", a);
            c->opts.jit_region = strtoull(v, &end, 0);
            if (*end || !c->opts.jit_region)
                return err1("bad --jit-region '%s'", v);
            continue;
        }
        if (long_value(name, "jit-threshold", argc, argv, &i, &v)) {
            int64_t n = v ? rv_parse_size(v) : -1;
            if (!v)
                return err1("option '%s' needs an argument", a);
            if (n < 0 || n > 1000000000)
                return err1("bad --jit-threshold '%s' (a count, 0 to 1000000000)", v);
            c->opts.jit_threshold = (uint32_t)n;
            continue;
        }
        if (long_value(name, "jit-cache-size", argc, argv, &i, &v)) {
            if (cache_size(a, "jit-cache-size", v, &c->opts.jit_cache_size))
                return -1;
            continue;
        }
        if (long_value(name, "block-cache-size", argc, argv, &i, &v)) {
            if (cache_size(a, "block-cache-size", v, &c->opts.block_cache_size))
                return -1;
            continue;
        }
        if (!strcmp(name, "perfmap")) {
            c->opts.perfmap = 1;
            continue;
        }
        /* options without an argument */
        if (!strcmp(name, "h") || !strcmp(name, "help")) {
            printf(usage, rv_sandbox_usage);
            return 1;
        }
        if (!strcmp(name, "binfmt")) {
            /* the binfmt_misc registration line for riscv64 ELF executables (static and
             * dynamic) with this rvemu as the interpreter: tools/rvemu-binfmt.sh writes it */
            char self[4096];
            ssize_t n = readlink("/proc/self/exe", self, sizeof self - 1);
            if (n <= 0)
                return err1("%s", "cannot find this rvemu's path (/proc/self/exe)");
            self[n] = 0;
            printf(":rvemu-riscv64:M::"
                   "\\x7fELF\\x02\\x01\\x01\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x02\\x00\\xf3\\x00:"
                   "\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\x00\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xfe\\xff\\xff\\xff:"
                   "%s:F\n", self);
            return 1;
        }
        if (!strcmp(name, "version")) {
            printf("rvemu version %s\nRuns riscv64 Linux programs (RV64GC, Zba, Zbb, Zbs).\n",
                   PACKAGE_VERSION);
            return 1;
        }
        if (!strcmp(name, "singlestep") || !strcmp(name, "one-insn-per-tb")) {
            c->opts.singlestep = 1;
            continue;
        }
        if (!strcmp(name, "no-jit")) {
            c->opts.no_jit = 1;
            continue;
        }
        if (!strcmp(name, "strace")) {
            c->opts.strace = 1;
            continue;
        }
        if (!strcmp(name, "stats")) {
            c->opts.stats = 1;
            continue;
        }
        if (!strcmp(name, "dfilter")) {
            if (i + 1 >= argc)
                return err1("option '%s' needs an argument", a);
            c->opts.log_filter = argv[++i];
            continue;
        }
        static const char *const with_arg[] = { "L", "E", "U", "0", "s", "R", "d", "D", "g", NULL };
        int k = 0;
        while (with_arg[k] && strcmp(name, with_arg[k]))
            k++;
        if (!with_arg[k])
            return err1("unknown option '%s'", a);
        if (i + 1 >= argc)
            return err1("option '%s' needs an argument", a);
        v = argv[++i];
        switch (name[0]) {
        case 'L': c->opts.ld_prefix = v; break;
        case 'E':
            if (!strchr(v, '=') || v[0] == '=')
                return err1("-E wants var=value, not '%s'", v);
            c->env_set[c->nset++] = (char *)v;
            break;
        case 'U': c->env_unset[c->nunset++] = (char *)v; break;
        case '0': c->opts.argv0 = v; break;
        case 'd': c->opts.log_items = v; break;
        case 'D': c->opts.log_file = v; break;
        case 'g': c->opts.gdb_port = v; break;
        case 's':
            if (set_stack(&c->opts, v))
                return -1;
            break;
        case 'R':
            if (set_space(&c->opts, v))
                return -1;
            break;
        }
    }
    if (i >= argc) {
        fprintf(stderr, "rvemu: no program given (try 'rvemu --help')\n");
        return -1;
    }
    c->prog = i;
    return 0;
}

void rv_free_cmdline(struct rv_cmdline *c)
{
    free(c->env_set);
    free(c->env_unset);
    c->env_set = c->env_unset = NULL;
}

static int name_is(const char *entry, const char *name)
{
    size_t n = strcspn(name, "=");
    return strncmp(entry, name, n) == 0 && entry[n] == '=';
}

char **rv_guest_env(const struct rv_cmdline *c, char **host)
{
    size_t n = 0;
    while (host[n])
        n++;
    char **env = calloc(n + (size_t)c->nset + 1, sizeof *env);
    if (!env)
        return NULL;
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        int drop = 0;
        for (int j = 0; j < c->nunset && !drop; j++)
            drop = name_is(host[i], c->env_unset[j]);
        for (int j = 0; j < c->nset && !drop; j++)
            drop = name_is(host[i], c->env_set[j]);
        if (!drop)
            env[k++] = host[i];
    }
    for (int j = 0; j < c->nset; j++) {
        int dup = 0;
        for (int l = j + 1; l < c->nset && !dup; l++)
            dup = name_is(c->env_set[l], c->env_set[j]);
        if (!dup)
            env[k++] = c->env_set[j];
    }
    env[k] = NULL;
    return env;
}
