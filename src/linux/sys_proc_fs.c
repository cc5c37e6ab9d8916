/* The guest's view of /proc. Opening goes to the host first; when the descriptor turns out
 * to be one of our own process's /proc files that describe the process (maps, smaps, auxv,
 * cmdline, environ, stat) or /proc/cpuinfo, it is replaced by an unlinked in-memory file filled
 * with what a riscv64 kernel would show for the guest, so read, lseek and fstat just work.
 * /proc/<us>/mem would expose the emulator's memory and is refused. The check uses the
 * descriptor's real path (readlink of /proc/self/fd/N), so relative paths, symlinks and
 * /proc/<pid>/task/<tid>/ all lead here. */
#include <elf.h>
#include <fcntl.h>
#include <inttypes.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/sysmacros.h>
#include <unistd.h>
#include "linux/syscall.h"
#include "linux/sys_util.h"
#include "linux/path.h"
#include "linux/elf.h"

#define ISA_STRING "rv64imafdc_zicsr_zifencei_zba_zbb_zbs"

/* ---- what the initial stack holds: argv and environment strings, auxv ---------------- */

struct startinfo {
    uint64_t sp;            /* the initial stack pointer (where argc is) */
    uint64_t arg_start, arg_end, env_start, env_end, auxv, auxv_len;
};

/* As rv_stack_setup() recorded them, as Linux keeps mm->arg_start and saved_auxv (a program
 * that rewrites its argv or envp arrays does not change them). */
static int startinfo(struct rv_cpu *cpu, struct startinfo *si)
{
    const struct rv_machine *m = cpu->m;
    if (!m->auxv)
        return -ENOENT;
    si->sp = m->start_stack;
    si->arg_start = m->arg_start;
    si->arg_end = m->arg_end;
    si->env_start = m->env_start;
    si->env_end = m->env_end;
    si->auxv = m->auxv;
    si->auxv_len = m->auxv_len;
    return 0;
}

/* ---- generated files ------------------------------------------------------------------ */

/* copies guest memory [a, e) to f */
static void put_guest(struct rv_cpu *cpu, FILE *f, uint64_t a, uint64_t e)
{
    char buf[4096];
    while (a < e) {
        size_t n = e - a < sizeof buf ? (size_t)(e - a) : sizeof buf;
        if (rv_copy_from_guest(MEM, buf, a, n))
            return;
        fwrite(buf, 1, n, f);
        a += n;
    }
}

static void gen_cmdline(struct rv_cpu *cpu, FILE *f)
{
    struct startinfo si;
    if (startinfo(cpu, &si) == 0)
        put_guest(cpu, f, si.arg_start, si.arg_end);
}

static void gen_environ(struct rv_cpu *cpu, FILE *f)
{
    struct startinfo si;
    if (startinfo(cpu, &si) == 0)
        put_guest(cpu, f, si.env_start, si.env_end);
}

static void gen_auxv(struct rv_cpu *cpu, FILE *f)
{
    struct startinfo si;
    if (startinfo(cpu, &si) == 0)
        put_guest(cpu, f, si.auxv, si.auxv + si.auxv_len);
}

int64_t sys_guest_auxv(struct rv_cpu *cpu, uint64_t buf, uint64_t len)
{
    struct startinfo si;
    if (startinfo(cpu, &si) != 0)
        return -EINVAL;
    uint64_t n = si.auxv_len < len ? si.auxv_len : len;
    uint8_t tmp[1024];
    if (n > sizeof tmp)
        n = sizeof tmp;
    if (rv_copy_from_guest(MEM, tmp, si.auxv, n) || rv_copy_to_guest(MEM, buf, tmp, n))
        return -EFAULT;
    return (int64_t)si.auxv_len;
}

static void gen_cpuinfo(struct rv_cpu *cpu, FILE *f)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    if (n < 1)
        n = 1;
    const char *mmu = MEM->bits <= 39 ? "sv39" : MEM->bits <= 48 ? "sv48" : "sv57";
    for (long i = 0; i < n; i++)
        fprintf(f, "processor\t: %ld\nhart\t\t: %ld\nisa\t\t: %s\nmmu\t\t: %s\nuarch\t\t: rvemu\n"
                "mvendorid\t: 0x0\nmarchid\t\t: 0x0\nmimpid\t\t: 0x0\nhart isa\t: %s\n\n",
                i, i, ISA_STRING, mmu, ISA_STRING);
}

/* One loaded ELF image (the program or its interpreter): its PT_LOAD segments, to name the
 * image VMAs and give their file offsets. */
struct image {
    char path[PATH_MAX];
    uint64_t bias, dev, ino;
    int nload;
    struct { uint64_t vaddr, filesz, memsz, offset; } load[16];
};

static int image_read(const char *path, struct image *im, char *interp, size_t icap,
                      uint64_t *phdr_vaddr)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return -1;
    Elf64_Ehdr eh;
    Elf64_Phdr ph[64];
    struct stat st;
    int ok = fstat(fd, &st) == 0 && pread(fd, &eh, sizeof eh, 0) == (ssize_t)sizeof eh;
    if (ok)
        rv_le_fix(&eh, RV_ELF_EHDR_LAYOUT, sizeof eh, 1);
    ok = ok && memcmp(eh.e_ident, ELFMAG, SELFMAG) == 0 && eh.e_phentsize == sizeof(Elf64_Phdr) &&
         eh.e_phnum > 0 && eh.e_phnum <= 64 &&
         pread(fd, ph, eh.e_phnum * sizeof *ph, (off_t)eh.e_phoff) ==
             (ssize_t)(eh.e_phnum * sizeof *ph);
    if (ok)
        rv_le_fix(ph, RV_ELF_PHDR_LAYOUT, sizeof *ph, eh.e_phnum);
    if (!ok) {
        close(fd);
        return -1;
    }
    snprintf(im->path, sizeof im->path, "%s", path);
    im->dev = st.st_dev;
    im->ino = st.st_ino;
    im->nload = 0;
    if (interp)
        interp[0] = 0;
    if (phdr_vaddr)
        *phdr_vaddr = UINT64_MAX;
    for (int i = 0; i < eh.e_phnum; i++) {
        const Elf64_Phdr *p = &ph[i];
        if (p->p_type == PT_LOAD && im->nload < 16) {
            im->load[im->nload].vaddr = p->p_vaddr;
            im->load[im->nload].filesz = p->p_filesz;
            im->load[im->nload].memsz = p->p_memsz;
            im->load[im->nload].offset = p->p_offset;
            im->nload++;
            if (phdr_vaddr && *phdr_vaddr == UINT64_MAX && eh.e_phoff >= p->p_offset &&
                eh.e_phoff - p->p_offset < p->p_filesz)
                *phdr_vaddr = p->p_vaddr + (eh.e_phoff - p->p_offset);
        } else if (p->p_type == PT_PHDR && phdr_vaddr) {
            *phdr_vaddr = p->p_vaddr;
        } else if (p->p_type == PT_INTERP && interp && p->p_filesz < icap && p->p_filesz > 1) {
            if (pread(fd, interp, p->p_filesz, (off_t)p->p_offset) != (ssize_t)p->p_filesz)
                interp[0] = 0;
            else
                interp[p->p_filesz - 1] = 0;
        }
    }
    close(fd);
    return 0;
}

/* the program [0] and its interpreter [1] as loaded: 0, 1 or 2 images */
static int images(struct rv_cpu *cpu, struct image im[2])
{
    struct rv_machine *m = cpu->m;
    struct startinfo si;
    uint64_t at_phdr = 0, at_base = 0;
    if (!m->exe_path || startinfo(cpu, &si) != 0)
        return 0;
    for (uint64_t a = si.auxv; a < si.auxv + si.auxv_len; a += 16) {
        uint64_t kv[2];
        if (sys_get(cpu, kv, a, sizeof kv, "88"))
            break;
        if (kv[0] == AT_PHDR)
            at_phdr = kv[1];
        else if (kv[0] == AT_BASE)
            at_base = kv[1];
    }
    char interp[PATH_MAX];
    uint64_t phdr_vaddr;
    if (image_read(m->exe_path, &im[0], interp, sizeof interp, &phdr_vaddr) != 0)
        return 0;
    im[0].bias = phdr_vaddr != UINT64_MAX && at_phdr ? at_phdr - phdr_vaddr : 0;
    char ipath[PATH_MAX];
    if (!interp[0] || !at_base || rv_path_map(m, interp, ipath, sizeof ipath) != 0 ||
        image_read(ipath, &im[1], NULL, 0, NULL) != 0)
        return 1;
    uint64_t lo = UINT64_MAX;
    for (int i = 0; i < im[1].nload; i++)
        if (im[1].load[i].vaddr < lo)
            lo = im[1].load[i].vaddr;
    im[1].bias = at_base - RV_PAGE_DOWN(lo);
    return 2;
}

struct vma_view {
    uint64_t start, end, off, dev, ino;
    int prot, kind, shared;
    char name[PATH_MAX];
};

/* names what a VMA holds, as Linux's show_map_vma() would */
static void describe(struct rv_cpu *cpu, const struct rv_vma *v, const struct image *im, int nim,
                     struct vma_view *o)
{
    o->start = v->start;
    o->end = v->end;
    o->prot = v->prot;
    o->kind = v->kind;
    o->off = o->dev = o->ino = 0;
    o->shared = 0;
    o->name[0] = 0;
    switch (v->kind) {
    case RV_VMA_STACK: strcpy(o->name, "[stack]"); return;
    case RV_VMA_HEAP: strcpy(o->name, "[heap]"); return;
    case RV_VMA_IMAGE:
        for (int i = 0; i < nim; i++)
            for (int j = 0; j < im[i].nload; j++) {
                uint64_t s = RV_PAGE_DOWN(im[i].bias + im[i].load[j].vaddr);
                uint64_t fe = RV_PAGE_UP(im[i].bias + im[i].load[j].vaddr + im[i].load[j].filesz);
                if (im[i].load[j].filesz && v->start >= s && v->start < fe) {
                    snprintf(o->name, sizeof o->name, "%s", im[i].path);
                    o->off = RV_PAGE_DOWN(im[i].load[j].offset) + (v->start - s);
                    o->dev = im[i].dev;
                    o->ino = im[i].ino;
                    return;
                }
            }
        return;     /* bss: anonymous */
    default: {
        uint64_t off, dev, ino;
        int shared;
        if (sys_mmap_name(v->start, o->name, sizeof o->name, &off, &dev, &ino, &shared) == 0) {
            o->off = off;
            o->dev = dev;
            o->ino = ino;
            o->shared = shared;
        }
        return;
    }
    }
}

static struct rv_vma *vma_copy(struct rv_cpu *cpu, int *n)
{
    struct rv_mem *mem = MEM;
    pthread_mutex_lock(&mem->lock);
    struct rv_vma *v = malloc(((size_t)mem->nvma + 1) * sizeof *v);
    *n = 0;
    if (v) {
        memcpy(v, mem->vma, (size_t)mem->nvma * sizeof *v);
        *n = mem->nvma;
    }
    pthread_mutex_unlock(&mem->lock);
    return v;
}

static void map_line(FILE *f, const struct vma_view *o)
{
    int len = fprintf(f, "%08" PRIx64 "-%08" PRIx64 " %c%c%c%c %08" PRIx64 " %02x:%02x %" PRIu64 " ",
                      o->start, o->end, o->prot & PROT_READ ? 'r' : '-', o->prot & PROT_WRITE ? 'w' : '-',
                      o->prot & PROT_EXEC ? 'x' : '-', o->shared ? 's' : 'p', o->off,
                      major((dev_t)o->dev), minor((dev_t)o->dev), o->ino);
    if (o->name[0]) {
        for (; len < 73; len++)
            fputc(' ', f);
        fputs(o->name, f);
    }
    fputc('\n', f);
}

/* resident pages of a guest range, from the host's page tables */
static uint64_t resident(struct rv_cpu *cpu, uint64_t s, uint64_t e)
{
    unsigned char vec[1024];
    uint64_t n = 0;
    for (uint64_t a = s; a < e; a += sizeof vec * RV_PAGE_SIZE) {
        uint64_t len = e - a < sizeof vec * RV_PAGE_SIZE ? e - a : sizeof vec * RV_PAGE_SIZE;
        if (mincore(rv_g2h(MEM, a), len, vec) != 0)
            continue;
        for (uint64_t i = 0; i < len / RV_PAGE_SIZE; i++)
            n += vec[i] & 1;
    }
    return n;
}

static void gen_maps(struct rv_cpu *cpu, FILE *f, int smaps)
{
    struct image im[2];
    int nim = images(cpu, im), n;
    struct rv_vma *v = vma_copy(cpu, &n);
    if (!v)
        return;
    struct vma_view *o = malloc(sizeof *o);
    for (int i = 0; o && i < n; i++) {
        describe(cpu, &v[i], im, nim, o);
        map_line(f, o);
        if (!smaps)
            continue;
        uint64_t kb = (o->end - o->start) >> 10;
        uint64_t rss = resident(cpu, o->start, o->end) * (RV_PAGE_SIZE >> 10);
        int anon = o->ino == 0;
        fprintf(f, "Size:           %8" PRIu64 " kB\n"
                   "KernelPageSize: %8u kB\nMMUPageSize:    %8u kB\n"
                   "Rss:            %8" PRIu64 " kB\nPss:            %8" PRIu64 " kB\n"
                   "Pss_Dirty:      %8" PRIu64 " kB\n"
                   "Shared_Clean:   %8u kB\nShared_Dirty:   %8u kB\n"
                   "Private_Clean:  %8u kB\nPrivate_Dirty:  %8" PRIu64 " kB\n"
                   "Referenced:     %8" PRIu64 " kB\nAnonymous:      %8" PRIu64 " kB\n"
                   "KSM:            %8u kB\nLazyFree:       %8u kB\n"
                   "AnonHugePages:  %8u kB\nShmemPmdMapped: %8u kB\nFilePmdMapped:  %8u kB\n"
                   "Shared_Hugetlb: %8u kB\nPrivate_Hugetlb:%8u kB\n"
                   "Swap:           %8u kB\nSwapPss:        %8u kB\nLocked:         %8u kB\n"
                   "THPeligible:    0\nVmFlags:%s%s%s%s%s%s%s\n",
                kb, RV_PAGE_SIZE >> 10, RV_PAGE_SIZE >> 10, rss, rss, rss, 0u, 0u, 0u, rss, rss,
                anon ? rss : 0, 0u, 0u, 0u, 0u, 0u, 0u, 0u, 0u, 0u, 0u,
                o->prot & PROT_READ ? " rd" : "", o->prot & PROT_WRITE ? " wr" : "",
                o->prot & PROT_EXEC ? " ex" : "", " mr mw me",
                o->kind == RV_VMA_STACK ? " gd" : "", " ac", "");
    }
    free(o);
    free(v);
}

/* /proc/<pid>/stat: the host's line, with the guest's code and stack addresses and size */
static void gen_stat(struct rv_cpu *cpu, FILE *f)
{
    char buf[2048];
    int fd = open("/proc/self/stat", O_RDONLY | O_CLOEXEC);
    ssize_t n = fd < 0 ? -1 : read(fd, buf, sizeof buf - 1);
    if (fd >= 0)
        close(fd);
    if (n <= 0)
        return;
    buf[n] = 0;
    char *rp = strrchr(buf, ')');
    if (!rp) {
        fputs(buf, f);
        return;
    }
    struct image im[2];
    int nim = images(cpu, im);
    uint64_t cs = 0, ce = 0, stack = 0;
    for (int j = 0; nim > 0 && j < im[0].nload; j++) {
        uint64_t s = im[0].bias + im[0].load[j].vaddr, e = s + im[0].load[j].filesz;
        if (!cs || s < cs)
            cs = s;
        if (e > ce)
            ce = e;
    }
    struct startinfo si;
    if (startinfo(cpu, &si) == 0)
        stack = si.sp;
    /* the comm is the emulator's until the guest names itself: then the program's name */
    char *lp = strchr(buf, '(');
    const char *exe = cpu->m->exe_path, *base = exe ? strrchr(exe, '/') : NULL;
    if (lp && lp < rp && rp - lp - 1 == 5 && strncmp(lp + 1, "rvemu", 5) == 0 && base)
        fprintf(f, "%.*s(%.15s)", (int)(lp - buf), buf, base + 1);
    else
        fwrite(buf, 1, (size_t)(rp + 1 - buf), f);
    /* fields after the comm: state is field 3; vsize 23, startcode 26, endcode 27, startstack 28 */
    char *save = NULL;
    int field = 3;
    for (char *t = strtok_r(rp + 1, " \n", &save); t; t = strtok_r(NULL, " \n", &save), field++) {
        if (field == 23)
            fprintf(f, " %" PRIu64, MEM->mapped);
        else if (field == 26)
            fprintf(f, " %" PRIu64, cs);
        else if (field == 27)
            fprintf(f, " %" PRIu64, ce);
        else if (field == 28)
            fprintf(f, " %" PRIu64, stack);
        else
            fprintf(f, " %s", t);
    }
    fputc('\n', f);
}

/* ---- opening ---------------------------------------------------------------------------- */

static dev_t proc_dev(void)
{
    static dev_t dev;
    static int known;
    if (!known) {
        struct stat st;
        dev = stat("/proc/self", &st) == 0 ? st.st_dev : (dev_t)-1;
        known = 1;
    }
    return dev;
}

/* an anonymous read-only file holding what gen writes */
static int64_t make_file(struct rv_cpu *cpu, void (*gen)(struct rv_cpu *, FILE *), int extra,
                         int hflags)
{
    char *data = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&data, &len);
    if (!f)
        return -ENOMEM;
    if (gen)
        gen(cpu, f);
    else
        gen_maps(cpu, f, extra);
    if (fclose(f) != 0) {
        free(data);
        return -ENOMEM;
    }
    int mfd = (int)syscall(SYS_memfd_create, "rvemu-proc", 1u /* MFD_CLOEXEC */);
    if (mfd < 0)
        mfd = open("/tmp", O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
    if (mfd < 0) {
        free(data);
        return -ENOMEM;
    }
    size_t off = 0;
    while (off < len) {
        ssize_t w = write(mfd, data + off, len - off);
        if (w <= 0)
            break;
        off += (size_t)w;
    }
    free(data);
    /* reopened read-only with the guest's flags, so F_GETFL and writes behave */
    char link[64];
    snprintf(link, sizeof link, "/proc/self/fd/%d", mfd);
    int fd = open(link, O_RDONLY | (hflags & (O_CLOEXEC | O_NONBLOCK | O_NOCTTY)));
    if (fd >= 0) {
        close(mfd);
        return fd;
    }
    lseek(mfd, 0, SEEK_SET);
    if (!(hflags & O_CLOEXEC))
        fcntl(mfd, F_SETFD, 0);
    return mfd;
}

/* "/proc/<pid>/[task/<tid>/]name" of this process: name, or NULL */
static const char *own_proc_file(const char *p)
{
    char *end;
    if (strncmp(p, "/proc/", 6) != 0)
        return NULL;
    long pid = strtol(p + 6, &end, 10);
    if (end == p + 6 || *end != '/' || pid != (long)getpid())
        return NULL;
    p = end + 1;
    if (strncmp(p, "task/", 5) == 0) {
        strtol(p + 5, &end, 10);
        if (end == p + 5 || *end != '/')
            return NULL;
        p = end + 1;
    }
    return p;
}

int64_t sys_proc_fixup(struct rv_cpu *cpu, int fd, int hflags)
{
    struct stat st;
    if ((hflags & O_PATH) || fstat(fd, &st) != 0 || st.st_dev != proc_dev() || S_ISDIR(st.st_mode))
        return fd;
    char link[64], path[PATH_MAX];
    snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
    ssize_t n = readlink(link, path, sizeof path - 1);
    if (n <= 0)
        return fd;
    path[n] = 0;
    void (*gen)(struct rv_cpu *, FILE *) = NULL;
    int smaps = -1;
    const char *name = own_proc_file(path);
    if (strcmp(path, "/proc/cpuinfo") == 0)
        gen = gen_cpuinfo;
    else if (!name)
        return fd;
    else if (strcmp(name, "maps") == 0)
        smaps = 0;
    else if (strcmp(name, "smaps") == 0)
        smaps = 1;
    else if (strcmp(name, "cmdline") == 0)
        gen = gen_cmdline;
    else if (strcmp(name, "environ") == 0)
        gen = gen_environ;
    else if (strcmp(name, "auxv") == 0)
        gen = gen_auxv;
    else if (strcmp(name, "stat") == 0)
        gen = gen_stat;
    else if (strcmp(name, "mem") == 0 || strcmp(name, "pagemap") == 0) {
        close(fd);
        return -EACCES;
    } else
        return fd;
    close(fd);
    return make_file(cpu, gen, smaps, hflags);
}

int64_t sys_proc_readlink(struct rv_cpu *cpu, const char *path, uint64_t buf, uint64_t len)
{
    const char *exe = cpu->m->exe_path, *name = NULL;
    if (!exe)
        return -1;
    if (strcmp(path, "/proc/self/exe") == 0 || strcmp(path, "/proc/thread-self/exe") == 0)
        name = "exe";
    else if ((name = own_proc_file(path)) == NULL || strcmp(name, "exe") != 0)
        return -1;
    size_t n = strlen(exe);
    if (n > len)
        n = len;
    return rv_copy_to_guest(MEM, buf, exe, n) ? -EFAULT : (int64_t)n;
}

int sys_proc_exe_rewrite(struct rv_cpu *cpu, char *path, size_t cap)
{
    const char *exe = cpu->m->exe_path, *name;
    if (!exe || strncmp(path, "/proc/", 6) != 0)
        return 0;
    if (strcmp(path, "/proc/thread-self/exe") != 0 &&
        ((name = own_proc_file(path)) == NULL || strcmp(name, "exe") != 0))
        return 0;
    if (strlen(exe) >= cap)
        return -ENAMETOOLONG;
    strcpy(path, exe);
    return 0;
}
