/* Case 16: kernel attack surface: io_uring, bpf, perf_event_open, userfaultfd, keys, mount,
 * namespaces, seccomp, landlock, module and kexec loading, handles, memfd_secret, futex_waitv,
 * and raw numbers the table does not have. Each is refused with ENOSYS or EPERM by the shim;
 * personality is the guest's own; rvemu survives. */
#include "hostile.h"

int main(void)
{
    static const struct { long nr; const char *name; } calls[] = {
        { 425, "io_uring_setup" }, { 426, "io_uring_enter" }, { 427, "io_uring_register" },
        { 280, "bpf" }, { 241, "perf_event_open" }, { 282, "userfaultfd" }, { 219, "keyctl" },
        { 217, "add_key" }, { 218, "request_key" }, { 40, "mount" }, { 39, "umount2" },
        { 268, "setns" }, { 277, "seccomp" }, { 444, "landlock_create_ruleset" },
        { 104, "kexec_load" }, { 105, "init_module" }, { 273, "finit_module" },
        { 264, "name_to_handle_at" }, { 265, "open_by_handle_at" }, { 447, "memfd_secret" },
        { 449, "futex_waitv" }, { 0, "nr 0" }, { 244, "nr 244" }, { 462, "nr 462" },
        { 1000, "nr 1000" }, { -1, "nr -1" }, { 0x40000000, "nr 0x40000000" },
    };
    for (unsigned i = 0; i < sizeof calls / sizeof *calls; i++)
        TRY(calls[i].name, syscall(calls[i].nr, 0, 0, 0, 0, 0, 0));
    TRY("unshare newuser", syscall(SYS_unshare, 0x10000000));
    report("personality read_implies_exec", syscall(SYS_personality, 0x0400000), 1);
    report("personality query", syscall(SYS_personality, 0xffffffff), 1);
    puts("alive");
    return 0;
}
