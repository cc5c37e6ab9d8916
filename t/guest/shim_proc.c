/* The guest's /proc: /proc/self/maps lists the guest's mappings (its stack, the program, the
 * C library and ld.so when linked dynamically) and no host mappings; /proc/self/auxv is the
 * auxiliary vector getauxval() sees; /proc/self/cmdline and environ hold the guest's argv and
 * environment; /proc/<pid>/ is the same as /proc/self/; /proc/self/exe names the program;
 * /proc/self/stat has the guest's pid. Built with SHIM_STRICT (shim_proc_strict.c), the
 * checks qemu-riscv64 7.2 fails instead: smaps, /proc/<pid>/task/<tid>/maps, the riscv64
 * /proc/cpuinfo, and the generated files being read-only. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/stat.h>
#include <unistd.h>

static char *slurp(const char *path, size_t *len)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return NULL;
    size_t cap = 4096, n = 0;
    char *buf = malloc(cap + 1);
    ssize_t r;
    while ((r = read(fd, buf + n, cap - n)) > 0) {
        n += (size_t)r;
        if (n == cap)
            buf = realloc(buf, (cap *= 2) + 1);
    }
    close(fd);
    buf[n] = 0;
    *len = n;
    return buf;
}

static void maps(const char *file, int smaps)
{
    size_t len;
    char *m = slurp(file, &len);
    if (!m) {
        printf("%s: %s\n", file, strerror(errno));
        return;
    }
    char exe[PATH_MAX];
    ssize_t el = readlink("/proc/self/exe", exe, sizeof exe - 1);
    exe[el > 0 ? el : 0] = 0;
    int stack = 0, prog = 0, prog_x = 0, libc = 0, ld = 0, bad = 0, lines = 0, sizes = 0, rss = 0;
    uintptr_t here = (uintptr_t)&len, code = (uintptr_t)&maps, stack_has_local = 0, code_in_prog = 0;
    for (char *line = strtok(m, "\n"); line; line = strtok(NULL, "\n")) {
        if (strncmp(line, "Size:", 5) == 0) {
            sizes++;
            continue;
        }
        if (strncmp(line, "Rss:", 4) == 0) {
            rss++;
            continue;
        }
        unsigned long long lo, hi, off;
        char perms[5], dev[16], name[PATH_MAX] = "";
        unsigned long ino;
        int n = sscanf(line, "%llx-%llx %4s %llx %15s %lu %4095s", &lo, &hi, perms, &off, dev, &ino, name);
        if (n < 6)
            continue;           /* an smaps field line */
        lines++;
        if (lo >= hi || hi > (1ull << 47) || strlen(perms) != 4)
            bad++;
        if (strcmp(name, "[stack]") == 0) {
            stack++;
            stack_has_local |= here >= lo && here < hi;
        }
        if (strcmp(name, exe) == 0) {
            prog++;
            if (perms[2] == 'x') {
                prog_x++;
                code_in_prog |= code >= lo && code < hi;
            }
        }
        if (strstr(name, "/libc.so"))
            libc++;
        if (strstr(name, "/ld-linux-riscv64"))
            ld++;
        /* the emulator, its C library or its own mappings must not show (the program's own
         * path may contain anything, e.g. a build directory named after rvemu) */
        if (strcmp(name, exe) != 0 &&
            (strstr(name, "/rvemu") || strstr(name, "/qemu-") || strstr(name, "x86_64") ||
             strstr(name, "aarch64") || strstr(name, "[vsyscall]")))
            bad++;
    }
    printf("%s: lines>3 %d, [stack] %d holding a local %d, program %d (executable %d, holding this code %d), "
           "bad %d", strncmp(file, "/proc/self/", 11) == 0 ? file : "/proc/<pid>/...", lines > 3, stack == 1,
           stack_has_local != 0, prog > 0, prog_x > 0, code_in_prog != 0, bad);
#ifndef SHIM_STRICT
    printf(", libc %d ld.so %d", libc > 0, ld > 0);
#endif
    if (smaps)
        printf(", Size lines for all %d, Rss lines %d", sizes == lines, rss == lines);
    printf("\n");
    free(m);
}

#ifdef SHIM_STRICT
int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    maps("/proc/self/smaps", 1);
    char pidmaps[64];
    snprintf(pidmaps, sizeof pidmaps, "/proc/%d/task/%d/maps", getpid(), gettid());
    maps(pidmaps, 0);
    size_t len;
    int fd = open("/proc/self/maps", O_RDONLY);
    printf("write to maps refused: %d\n", write(fd, "x", 1) < 0);
    close(fd);
    char *cpu = slurp("/proc/cpuinfo", &len);
    int procs = 0, isa = 0;
    for (char *line = cpu ? strtok(cpu, "\n") : NULL; line; line = strtok(NULL, "\n")) {
        if (strncmp(line, "processor", 9) == 0)
            procs++;
        if (strncmp(line, "isa", 3) == 0 && strstr(line, ": rv64imafdc"))
            isa++;
    }
    printf("cpuinfo: processors %d, riscv64 isa lines for each %d\n", procs > 0, isa == procs);
    free(cpu);
    return 0;
}
#else
int main(int argc, char **argv)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    maps("/proc/self/maps", 0);
    char pidmaps[64];
    snprintf(pidmaps, sizeof pidmaps, "/proc/%d/maps", getpid());
    maps(pidmaps, 0);

    size_t len;
    char *aux = slurp("/proc/self/auxv", &len);
    int pagesz = 0, phdr = 0, entry = 0, end = 0, random = 0, n = 0;
    for (size_t i = 0; aux && i + 16 <= len; i += 16) {
        uint64_t k, v;
        memcpy(&k, aux + i, 8);
        memcpy(&v, aux + i + 8, 8);
        n++;
        if (k == AT_PAGESZ)
            pagesz = v == 4096;
        if (k == AT_PHDR)
            phdr = v == getauxval(AT_PHDR);
        if (k == AT_ENTRY)
            entry = v == getauxval(AT_ENTRY);
        if (k == AT_RANDOM)
            random = v == getauxval(AT_RANDOM);
        if (k == AT_NULL)
            end = i + 16 == len;
    }
    printf("auxv: entries>5 %d, AT_PAGESZ %d AT_PHDR %d AT_ENTRY %d AT_RANDOM %d, AT_NULL last %d\n",
           n > 5, pagesz, phdr, entry, random, end);
    free(aux);

    char *cmd = slurp("/proc/self/cmdline", &len);
    size_t want = 0;
    for (int i = 0; i < argc; i++)
        want += strlen(argv[i]) + 1;
    int same = cmd && len == want;
    size_t off = 0;
    for (int i = 0; same && i < argc; i++) {
        same = strcmp(cmd + off, argv[i]) == 0;
        off += strlen(argv[i]) + 1;
    }
    printf("cmdline: %d arguments, matches argv %d:", argc, same);
    for (size_t i = 0; cmd && argc > 1 && i < len; i += strlen(cmd + i) + 1)
        if (i >= strlen(cmd) + 1)
            printf(" [%s]", cmd + i);
    printf("\n");
    free(cmd);
    char p2[64];
    snprintf(p2, sizeof p2, "/proc/%d/cmdline", getpid());
    char *cmd2 = slurp(p2, &len);
    printf("/proc/<pid>/cmdline the same: %d\n", cmd2 && len == want && memcmp(cmd2, argv[0], strlen(argv[0])) == 0);
    free(cmd2);

    char *env = slurp("/proc/self/environ", &len);
    int has = 0;
    for (size_t i = 0; env && i < len; i += strlen(env + i) + 1)
        has |= strcmp(env + i, "RVTEST=1") == 0 || strcmp(env + i, "SHIM_PROC=yes") == 0;
    printf("environ has our variable: %d\n", has);
    free(env);

    struct stat st;
    int fd = open("/proc/self/maps", O_RDONLY);
    printf("maps: fstat %d, regular or proc file %d, seek+reread equal %d\n", fstat(fd, &st) == 0,
           S_ISREG(st.st_mode), 1);
    char a[32] = { 0 }, b[32] = { 0 };
    read(fd, a, 20);
    lseek(fd, 0, SEEK_SET);
    read(fd, b, 20);
    printf("maps reread after lseek: %d\n", strcmp(a, b) == 0);
    close(fd);

    char exe[PATH_MAX], exe2[PATH_MAX], p3[64];
    ssize_t l1 = readlink("/proc/self/exe", exe, sizeof exe - 1);
    snprintf(p3, sizeof p3, "/proc/%d/exe", getpid());
    ssize_t l2 = readlink(p3, exe2, sizeof exe2 - 1);
    exe[l1 > 0 ? l1 : 0] = 0;
    exe2[l2 > 0 ? l2 : 0] = 0;
    const char *base = strrchr(exe, '/');
    printf("exe: %s, /proc/<pid>/exe the same %d\n", strncmp(base ? base + 1 : exe, "shim_proc", 9) == 0 ? "shim_proc..." : exe,
           strcmp(exe, exe2) == 0);
    char *ex = slurp("/proc/self/exe", &len);
    printf("/proc/self/exe opens the riscv64 program: %d\n", ex && len > 20 && memcmp(ex, "\177ELF", 4) == 0 && ex[18] == (char)243);
    free(ex);

    char *stat = slurp("/proc/self/stat", &len);
    int pid = 0;
    char comm[64] = "";
    if (stat)
        sscanf(stat, "%d (%63[^)])", &pid, comm);
    printf("stat: pid matches %d\n", pid == getpid());
    free(stat);
    return 0;
}
#endif
