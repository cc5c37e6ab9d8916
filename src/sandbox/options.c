/* The sandbox's command-line options (--sandbox, --allow-*, --max-*, --timeout), their help
 * paragraph, and the same options again for an rvemu that a guest execve starts, so that the
 * new program runs under the same policy and within what is left of the limits. */
#include "config.h"
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "options.h"
#include "sandbox/sbx.h"

/* a --enable-small build has the basic policy only (nostrict.c) */
#ifndef RV_SMALL
#define STRICT_USAGE \
"  --sandbox=strict         for untrusted code: the guest reads only the program, the -L\n" \
"                           sysroot and --allow-read paths, writes only under\n" \
"                           --allow-write paths, has no network, executes only riscv64\n" \
"                           programs it may read (Landlock adds a second wall)\n"
#define ALLOW_USAGE \
"  --allow-read=PATH        strict: the guest may read PATH (a file or a tree); repeatable\n" \
"  --allow-write=PATH       strict: the guest may read and write PATH; repeatable\n" \
"  --allow-net              strict: TCP, UDP and netlink sockets are allowed\n"
#else
#define STRICT_USAGE ""
#define ALLOW_USAGE ""
#endif
const char rv_sandbox_usage[] =
"Sandbox (rvemu confines itself after loading the program):\n"
"  --sandbox=basic          the default: a seccomp filter admits only the host syscalls\n"
"                           rvemu needs; guests see no difference, except that signals\n"
"                           reach only the guest's own process tree and host programs\n"
"                           cannot be executed\n"
STRICT_USAGE
"  --sandbox=off            no confinement (to debug rvemu itself)\n"
ALLOW_USAGE
"  --max-memory=SIZE        guest mappings beyond SIZE in all fail with ENOMEM\n"
"  --max-threads=N          at most N guest threads; clone fails with EAGAIN\n"
"  --timeout=SECONDS        stop the guest after SECONDS (exit status 124)\n"
"  --max-insns=N            stop the guest after about N instructions (exit status 125)\n";

static int bad(const char *opt, const char *v, const char *want)
{
    fprintf(stderr, "rvemu: bad value '%s' for --%s (%s) (try 'rvemu --help')\n", v, opt, want);
    return -1;
}

static int parse_count(const char *v, uint64_t max, uint64_t *out)
{
    char *end;
    errno = 0;
    unsigned long long n = strtoull(v, &end, 10);
    if (errno || end == v || *end || *v == '-' || n == 0 || n > max)
        return -1;
    *out = n;
    return 0;
}

int rv_sandbox_parse_opt(struct rv_sandbox_opts *o, const char *name, const char *next)
{
    static const char *const with_value[] = { "sandbox", "allow-read", "allow-write",
        "max-memory", "max-threads", "timeout", "max-insns", NULL };
#ifdef RV_SMALL
    if (!strcmp(name, "sandbox=strict") || !strncmp(name, "allow-", 6) ||
        (!strcmp(name, "sandbox") && next && !strcmp(next, "strict"))) {
        int n = name[0] == 's' ? (int)strlen("sandbox=strict") : (int)strcspn(name, "=");
        fprintf(stderr, "rvemu: --%.*s: not in this build (configured with --enable-small: "
                "the basic policy only)\n", n, name[0] == 's' ? "sandbox=strict" : name);
        return -1;
    }
#endif
    if (!strcmp(name, "allow-net")) {
        o->allow_net = 1;
        return 1;
    }
    size_t len = strcspn(name, "=");
    int k = 0;
    while (with_value[k] && (strlen(with_value[k]) != len || strncmp(name, with_value[k], len)))
        k++;
    if (!with_value[k])
        return 0;
    const char *opt = with_value[k], *v = name[len] == '=' ? name + len + 1 : next;
    int used = name[len] == '=' ? 1 : 2;
    if (!v) {
        fprintf(stderr, "rvemu: option '--%s' needs an argument (try 'rvemu --help')\n", opt);
        return -1;
    }
    uint64_t n;
    switch (k) {
    case 0:
        if (!strcmp(v, "off"))
            o->policy = RV_SBX_OFF;
        else if (!strcmp(v, "basic"))
            o->policy = RV_SBX_BASIC;
        else if (!strcmp(v, "strict"))
            o->policy = RV_SBX_STRICT;
        else
            return bad(opt, v, "off, basic or strict");
        o->policy_given = 1;
        break;
    case 1: case 2: {
        int *cnt = k == 1 ? &o->nread : &o->nwrite;
        if (!*v)
            return bad(opt, v, "a path");
        if (*cnt == RV_SBX_MAX_PATHS)
            return bad(opt, v, "at most 32 of them");
        (k == 1 ? o->allow_read : o->allow_write)[(*cnt)++] = v;
        break;
    }
    case 3: {
        int64_t s = rv_parse_size(v);
        if (s < 4096)
            return bad(opt, v, "a size such as 512M, at least 4K");
        o->max_memory = (uint64_t)s;
        break;
    }
    case 4:
        if (parse_count(v, 1u << 20, &n))
            return bad(opt, v, "a count from 1");
        o->max_threads = (int)n;
        break;
    case 5: {
        char *end;
        errno = 0;
        double t = strtod(v, &end);
        if (errno || end == v || *end || !(t > 0) || t > 1e9)
            return bad(opt, v, "seconds, such as 10 or 0.5");
        o->timeout = t;
        break;
    }
    case 6:
        if (parse_count(v, UINT64_MAX, &n))
            return bad(opt, v, "a count from 1");
        o->max_insns = n;
        break;
    }
    return used;
}

/* what a re-executed rvemu gets; the limits' numbers are refreshed before each execve */
static char opt_mem[48], opt_threads[48], opt_timeout[48], opt_insns[48];

void rv_sandbox_exec_opts(struct rv_machine *m, char **o, int *n, int cap)
{
    const struct rv_sandbox_opts *so = &m->opts.sandbox;
    static char *allow[2 * RV_SBX_MAX_PATHS];
    int k = *n;
#define PUT(s) do { if (k < cap) o[k++] = (s); } while (0)
    if (so->policy == RV_SBX_OFF)
        PUT("--sandbox=off");
    else if (so->policy == RV_SBX_STRICT)
        PUT("--sandbox=strict");
    if (so->allow_net)
        PUT("--allow-net");
    for (int i = 0; i < so->nread + so->nwrite; i++) {
        const char *p = i < so->nread ? so->allow_read[i] : so->allow_write[i - so->nread];
        /* absolute: the guest may have changed directory before its execve */
        char *abs = realpath(p, NULL);
        size_t len = strlen(abs ? abs : p) + 16;
        if (!allow[i])
            allow[i] = malloc(len);
        if (allow[i]) {
            snprintf(allow[i], len, "--allow-%s=%s", i < so->nread ? "read" : "write", abs ? abs : p);
            PUT(allow[i]);
        }
        free(abs);
    }
    if (so->max_memory) {
        snprintf(opt_mem, sizeof opt_mem, "--max-memory=%llu", (unsigned long long)so->max_memory);
        PUT(opt_mem);
    }
    if (so->max_threads) {
        snprintf(opt_threads, sizeof opt_threads, "--max-threads=%d", so->max_threads);
        PUT(opt_threads);
    }
    if (so->timeout > 0)
        PUT(opt_timeout);
    if (so->max_insns)
        PUT(opt_insns);
#undef PUT
    *n = k;
    rv_sandbox_before_exec(m);
}

void rv_sandbox_before_exec(struct rv_machine *m)
{
    const struct rv_sandbox_opts *so = &m->opts.sandbox;
    struct rv_sandbox *s = m->sbx;
    double left = so->timeout;
    uint64_t insns = so->max_insns;
    if (s && s->deadline.tv_sec) {
        struct timespec now;
        clock_gettime(CLOCK_MONOTONIC, &now);
        left = (double)(s->deadline.tv_sec - now.tv_sec) +
               (double)(s->deadline.tv_nsec - now.tv_nsec) / 1e9;
        if (left < 0.001)
            left = 0.001;      /* the new rvemu stops at once */
    }
    if (s && s->max_insns) {
        uint64_t used = __atomic_load_n(&s->insns, __ATOMIC_RELAXED);
        insns = used < s->max_insns ? s->max_insns - used : 1;
    }
    snprintf(opt_timeout, sizeof opt_timeout, "--timeout=%.3f", left);
    snprintf(opt_insns, sizeof opt_insns, "--max-insns=%llu", (unsigned long long)insns);
}
