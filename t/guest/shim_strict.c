/* Where rvemu deliberately answers otherwise than qemu-riscv64 7.2 (so this test has no qemu
 * run, shim_strict.noqemu; the expected output follows Linux on riscv64 or the shim's rules):
 * chroot and device nodes are refused, /proc/self/mem is not the emulator's memory, unknown
 * ioctls fail with ENOTTY without touching memory, close_range(CLOSE_RANGE_CLOEXEC) only
 * marks, prctl cannot install seccomp filters, PR_GET_AUXV and personality are the guest's,
 * MSG_CTRUNC is set when passed descriptors do not fit, unmapped buffers give EFAULT even
 * when nothing would be transferred. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/ioctl.h>
#include <sys/personality.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/sysmacros.h>
#include <unistd.h>

static void *volatile bad = (void *)24;

static const char *en(long r)
{
    if (r >= 0)
        return "ok";
    switch (errno) {
    case EACCES: return "EACCES";
    case EFAULT: return "EFAULT";
    case EINVAL: return "EINVAL";
    case EPERM: return "EPERM";
    case ENOTTY: return "ENOTTY";
    default: return strerror(errno);
    }
}

int main(void)
{
    mkdir("shim_strict.d", 0700);
    printf("chroot: %s\n", en(chroot("shim_strict.d")));
    printf("mknod char device: %s\n", en(mknod("shim_strict.d/null", S_IFCHR | 0600, makedev(1, 3))));
    printf("mknod block device: %s\n", en(mknod("shim_strict.d/blk", S_IFBLK | 0600, makedev(7, 0))));
    rmdir("shim_strict.d");

    printf("open /proc/self/mem: %s\n", en(open("/proc/self/mem", O_RDWR)));
    char path[64];
    snprintf(path, sizeof path, "/proc/%d/mem", getpid());
    printf("open /proc/<pid>/mem: %s\n", en(open(path, O_RDONLY)));
    int d = open("/proc/self", O_RDONLY | O_DIRECTORY);
    printf("openat(/proc/self, \"mem\"): %s\n", en(openat(d, "mem", O_RDONLY)));
    close(d);

    int word = 0x5a5a5a5a;
    printf("unknown ioctl: %s, argument untouched %d\n", en(ioctl(1, 0xc0ffee01, &word)), word == 0x5a5a5a5a);
    printf("TIOCSTI: %s\n", en(ioctl(0, TIOCSTI, "x")));

    int base = open("/dev/null", O_RDONLY);
    for (int i = 0; i < 3; i++)
        dup2(base, 60 + i);
    printf("close_range cloexec: %s\n", en(syscall(SYS_close_range, 60, 61, 4 /* CLOSE_RANGE_CLOEXEC */)));
    printf("fd flags: %d %d %d\n", fcntl(60, F_GETFD), fcntl(61, F_GETFD), fcntl(62, F_GETFD));
    syscall(SYS_close_range, 60, 62, 0);
    close(base);

    printf("PR_GET_SECCOMP: %ld\n", (long)prctl(PR_GET_SECCOMP));
    printf("PR_SET_SECCOMP strict: %s\n", en(prctl(PR_SET_SECCOMP, 1)));
    printf("PR_SET_MM: %s\n", en(prctl(PR_SET_MM, PR_SET_MM_START_CODE, 0x1000, 0, 0)));
    unsigned long aux[64];
    long n = prctl(0x41555856 /* PR_GET_AUXV */, aux, sizeof aux, 0, 0);
    int pagesz = 0, phdr = 0;
    for (long i = 0; i + 1 < n / 8; i += 2) {
        if (aux[i] == AT_PAGESZ)
            pagesz = aux[i + 1] == 4096;
        if (aux[i] == AT_PHDR)
            phdr = aux[i + 1] == getauxval(AT_PHDR);
    }
    printf("PR_GET_AUXV: size multiple of 16 %d, AT_PAGESZ 4096 %d, AT_PHDR matches %d\n", n > 0 && n % 16 == 0,
           pagesz, phdr);
    printf("personality: %#x\n", personality(0xffffffff));
    printf("set ADDR_NO_RANDOMIZE: old %#x now %#x\n", personality(ADDR_NO_RANDOMIZE), personality(0xffffffff));
    personality(PER_LINUX);

    /* an unmapped buffer, even at end of file */
    int z = open("/dev/null", O_RDONLY);
    printf("read 0 bytes available into an unmapped buffer: %s\n", en(read(z, bad, 16)));
    close(z);

    int sv[2];
    socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
    int fds[2] = { 0, 1 };
    char ctl[CMSG_SPACE(sizeof fds)], ctl2[CMSG_LEN(sizeof(int))], data[8];
    struct iovec iov = { "fds", 3 };
    struct msghdr m = { .msg_iov = &iov, .msg_iovlen = 1, .msg_control = ctl, .msg_controllen = sizeof ctl };
    struct cmsghdr *c = CMSG_FIRSTHDR(&m);
    c->cmsg_level = SOL_SOCKET;
    c->cmsg_type = SCM_RIGHTS;
    c->cmsg_len = CMSG_LEN(sizeof fds);
    memcpy(CMSG_DATA(c), fds, sizeof fds);
    sendmsg(sv[0], &m, 0);
    iov.iov_base = data;
    iov.iov_len = sizeof data;
    m.msg_control = ctl2;
    m.msg_controllen = sizeof ctl2;
    long k = recvmsg(sv[1], &m, 0);
    printf("recvmsg with room for one descriptor: %ld, MSG_CTRUNC %d\n", k, (m.msg_flags & MSG_CTRUNC) != 0);
    return 0;
}
