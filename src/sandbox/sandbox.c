/* Putting the sandbox in place after the program is loaded and before its first instruction:
 * the order matters. Everything that needs files (the allowed trees' descriptors) comes first,
 * then no_new_privs and an undumpable process (no ptrace, no /proc/<pid>/mem by others),
 * Landlock (strict), the seccomp filter (it would refuse Landlock's own syscalls), and
 * finally the limits' watcher. */
#include "config.h"
#include <errno.h>
#include <link.h>
#include <stdio.h>
#include <string.h>
#include <sys/auxv.h>
#ifndef RV_STATIC_BINARY
#include <dlfcn.h>
#endif
#include <sys/prctl.h>
#include "sandbox/sbx.h"
#include "debug/log.h"

struct rv_sandbox rv_sbx_state;

static const char *const policy_names[] = { "basic", "off", "strict" };

/* A dynamically linked rvemu, executed again by a guest execve, has its loader map libraries
 * executable under the inherited filter: only then are such mappings allowed. */
static int rvemu_is_dynamic(void)
{
    const ElfW(Phdr) *ph = (const ElfW(Phdr) *)getauxval(AT_PHDR);
    unsigned long n = getauxval(AT_PHNUM);
    for (unsigned long i = 0; ph && i < n; i++)
        if (ph[i].p_type == PT_INTERP)
            return 1;
    return 0;
}

/* A dynamically linked glibc unwinds a thread's pthread_exit with libgcc_s, which it opens
 * at the first exit: by then strict's Landlock domain no longer lets rvemu read the host's
 * libraries (the guest thread's exit aborted). Opened now, the later dlopen finds it loaded. */
static void preload_unwinder(void)
{
#ifndef RV_STATIC_BINARY
    if (rvemu_is_dynamic())
        dlopen("libgcc_s.so.1", RTLD_NOW | RTLD_NODELETE);
#endif
}

static int confine(struct rv_machine *m, struct rv_sandbox *s)
{
    const struct rv_sandbox_opts *o = &m->opts.sandbox;
    const char *name = policy_names[o->policy];
    /* a guest execve: this rvemu already runs under its parent's filter and Landlock domain,
     * which hold the same policy; it adds its own filter on top */
    int inherited = sbx_seccomp_active();
    s->guest_dumpable = prctl(PR_GET_DUMPABLE, 0, 0, 0, 0) == 1;
    prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
    if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0) {
        fprintf(stderr, "rvemu: sandbox: cannot set no_new_privs: %s\n", strerror(errno));
        return -1;
    }
    if (o->policy == RV_SBX_STRICT && !inherited) {
        preload_unwinder();
        int r = sbx_landlock(s);
        if (r < 0) {
            fprintf(stderr, "rvemu: sandbox: Landlock: %s\n", strerror(-r));
            return -1;
        }
        if (r == 0 && (m->log_mask & LOG_GUEST_ERRORS))
            fprintf(m->log, "sandbox: this kernel has no Landlock: the path checks stand alone\n");
    }
    struct sbx_filter_cfg cfg = { o->policy, o->allow_net, m->gdb != NULL, rvemu_is_dynamic() };
    int r = sbx_seccomp_load(&cfg);
    if (r == -ENOSYS) {
        /* strict promises a confined emulator to people running untrusted code: without the
         * filter that promise cannot be kept, so it is refused rather than weakened */
        if (o->policy == RV_SBX_STRICT) {
            fprintf(stderr, "rvemu: --sandbox=strict needs the seccomp filter, and this rvemu "
                    "was built without it (configure --without-seccomp, or a host it does not "
                    "know)\n");
            return -1;
        }
        if (o->policy_given)
            fprintf(stderr, "rvemu: built without the seccomp filter: --sandbox=%s applies the "
                    "shim's own checks, but the emulator process is not confined\n", name);
        return 0;
    }
    if (r) {
        fprintf(stderr, "rvemu: sandbox: cannot install the seccomp filter: %s%s\n",
                strerror(-r), o->policy == RV_SBX_STRICT ? "" : " (--sandbox=off runs without)");
        return -1;
    }
    s->seccomp_on = 1;
    return 0;
}

int rv_sandbox_start(struct rv_machine *m)
{
    const struct rv_sandbox_opts *o = &m->opts.sandbox;
    int limits = o->max_memory || o->max_threads || o->timeout > 0 || o->max_insns;
    if (o->policy == RV_SBX_OFF && !limits)
        return 0;
    struct rv_sandbox *s = &rv_sbx_state;
    memset(s, 0, sizeof *s);
    s->m = m;
    s->policy = o->policy;
    s->allow_net = o->allow_net;
    if (o->policy == RV_SBX_STRICT && sbx_paths_start(s) != 0)
        return -1;
    if (o->policy != RV_SBX_OFF && confine(m, s) != 0)
        return -1;
    m->sbx = s;
    return sbx_limits_start(s);
}
