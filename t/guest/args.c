/* The initial process state: argc/argv (not argv[0]), the environment, the auxiliary
 * vector via getauxval, uname().machine and the page size. Run with args.args. */
#include <elf.h>
#include <link.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/utsname.h>
#include <unistd.h>

extern char **environ;
extern char _start[];
extern const ElfW(Ehdr) __ehdr_start;

int main(int argc, char **argv, char **envp)
{
    printf("argc=%d\n", argc);
    for (int i = 1; i < argc; i++)
        printf("argv[%d]=[%s]\n", i, argv[i]);
    printf("argv[argc] null: %d\n", argv[argc] == NULL);
    printf("envp follows argv: %d, environ==envp: %d\n", envp == argv + argc + 1, environ == envp);
    int nenv = 0;
    for (char **e = envp; *e; e++)
        nenv++;
    printf("env count=%d\n", nenv);
    const char *rv = getenv("RVTEST"), *path = getenv("PATH");
    printf("RVTEST=%s\n", rv ? rv : "(unset)");
    printf("PATH=%s\n", path ? path : "(unset)");
    printf("HOME %s\n", getenv("HOME") ? "set" : "unset");

    printf("AT_PAGESZ=%lu\n", getauxval(AT_PAGESZ));
    printf("AT_HWCAP=0x%lx\n", getauxval(AT_HWCAP));
    unsigned long entry = getauxval(AT_ENTRY);
    printf("AT_ENTRY nonzero=%d equals _start=%d\n", entry != 0, entry == (unsigned long)_start);
    unsigned long phdr = getauxval(AT_PHDR);
    printf("AT_PHDR nonzero=%d equals ehdr+e_phoff=%d\n", phdr != 0,
           phdr == (unsigned long)&__ehdr_start + __ehdr_start.e_phoff);
    printf("AT_PHENT=%lu AT_PHNUM matches=%d\n", getauxval(AT_PHENT), getauxval(AT_PHNUM) == __ehdr_start.e_phnum);
    const unsigned char *rnd = (const unsigned char *)getauxval(AT_RANDOM);
    printf("AT_RANDOM nonnull=%d\n", rnd != NULL);
    printf("AT_SECURE=%lu\n", getauxval(AT_SECURE));
    printf("AT_BASE nonzero=%d (0 when static: no interpreter)\n", getauxval(AT_BASE) != 0);
    const char *fn = (const char *)getauxval(AT_EXECFN);
    printf("AT_EXECFN nonnull=%d", fn != NULL);
    if (fn) {
        const char *slash = strrchr(fn, '/');
        printf(" basename=%s", slash ? slash + 1 : fn);
    }
    printf("\n");
    printf("AT_UID==getuid: %d AT_EUID==geteuid: %d AT_GID==getgid: %d AT_EGID==getegid: %d\n",
           getauxval(AT_UID) == getuid(), getauxval(AT_EUID) == geteuid(), getauxval(AT_GID) == getgid(),
           getauxval(AT_EGID) == getegid());
    printf("AT_CLKTCK=%lu\n", getauxval(AT_CLKTCK));

    struct utsname u;
    if (uname(&u) == 0)
        printf("uname.machine=%s\n", u.machine);
    printf("sysconf(_SC_PAGESIZE)=%ld getpagesize=%d\n", sysconf(_SC_PAGESIZE), getpagesize());
    return 0;
}
