/* ioctl: an allowlist of requests whose argument layout is known (terminals, pseudo-terminal
 * masters, descriptor flags, a few socket and file queries). The guest numbers are the
 * asm-generic ones; the argument structures (kernel termios 36 bytes, termios2 44, winsize 8,
 * ifreq 40) have the same layout on riscv64 and on the x86-64 and arm64 hosts, so a checked
 * guest buffer is handed to the host call (on a big-endian host, a copy with its integers
 * swapped, see arg_layout). Anything else is -ENOTTY, memory untouched. */
#include <fcntl.h>
#include <string.h>
#include <net/if.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>
#include "linux/syscall.h"
#include "linux/sys_util.h"

/* the host must number tty ioctls the asm-generic way (x86-64 and arm64 do) */
_Static_assert(TCGETS == 0x5401 && TIOCGWINSZ == 0x5413 && FIONBIO == 0x5421 && FIOCLEX == 0x5451,
               "host tty ioctl numbers are not the asm-generic ones: translate them here");

enum { A_NONE, A_INT, A_PTR, A_OFLAGS };

static const struct ioc {
    uint32_t req;       /* guest request; the host's is the same number */
    uint8_t arg;        /* A_* */
    uint8_t size;       /* A_PTR: bytes the host call reads or writes */
} iocs[] = {
    { 0x5401, A_PTR, 36 }, { 0x5402, A_PTR, 36 }, { 0x5403, A_PTR, 36 }, { 0x5404, A_PTR, 36 },
    /* TCGETS, TCSETS, TCSETSW, TCSETSF */
    { 0x5409, A_INT, 0 }, { 0x540a, A_INT, 0 }, { 0x540b, A_INT, 0 },  /* TCSBRK TCXONC TCFLSH */
    { 0x540c, A_NONE, 0 }, { 0x540d, A_NONE, 0 },                       /* TIOCEXCL TIOCNXCL */
    { 0x540e, A_INT, 0 },                                               /* TIOCSCTTY */
    { 0x540f, A_PTR, 4 }, { 0x5410, A_PTR, 4 },                         /* TIOCGPGRP TIOCSPGRP */
    { 0x5411, A_PTR, 4 },                                               /* TIOCOUTQ */
    { 0x5413, A_PTR, 8 }, { 0x5414, A_PTR, 8 },                         /* TIOCGWINSZ TIOCSWINSZ */
    { 0x5415, A_PTR, 4 }, { 0x5416, A_PTR, 4 }, { 0x5417, A_PTR, 4 }, { 0x5418, A_PTR, 4 },
    /* TIOCMGET TIOCMBIS TIOCMBIC TIOCMSET */
    { 0x5419, A_PTR, 4 }, { 0x541a, A_PTR, 4 },                         /* TIOC[GS]SOFTCAR */
    { 0x541b, A_PTR, 4 },                                               /* FIONREAD */
    { 0x5420, A_PTR, 4 }, { 0x5421, A_PTR, 4 },                         /* TIOCPKT FIONBIO */
    { 0x5422, A_NONE, 0 },                                              /* TIOCNOTTY */
    { 0x5423, A_PTR, 4 }, { 0x5424, A_PTR, 4 },                         /* TIOCSETD TIOCGETD */
    { 0x5425, A_INT, 0 }, { 0x5427, A_NONE, 0 }, { 0x5428, A_NONE, 0 }, /* TCSBRKP TIOC[SC]BRK */
    { 0x5429, A_PTR, 4 },                                               /* TIOCGSID */
    { 0x802c542a, A_PTR, 44 }, { 0x402c542b, A_PTR, 44 }, { 0x402c542c, A_PTR, 44 },
    { 0x402c542d, A_PTR, 44 },                                          /* TCGETS2 TCSETS[WF]2 */
    { 0x80045430, A_PTR, 4 }, { 0x40045431, A_PTR, 4 }, { 0x80045432, A_PTR, 4 },
    /* TIOCGPTN TIOCSPTLCK TIOCGDEV */
    { 0x5437, A_NONE, 0 },                                              /* TIOCVHANGUP */
    { 0x80045438, A_PTR, 4 }, { 0x80045439, A_PTR, 4 }, { 0x80045440, A_PTR, 4 },
    /* TIOCGPKT TIOCGPTLCK TIOCGEXCL */
    { 0x5441, A_OFLAGS, 0 },                                            /* TIOCGPTPEER */
    { 0x5450, A_NONE, 0 }, { 0x5451, A_NONE, 0 },                       /* FIONCLEX FIOCLEX */
    { 0x5452, A_PTR, 4 },                                               /* FIOASYNC */
    { 0x5460, A_PTR, 8 },                                               /* FIOQSIZE */
    { 0x8901, A_PTR, 4 }, { 0x8902, A_PTR, 4 }, { 0x8903, A_PTR, 4 }, { 0x8904, A_PTR, 4 },
    /* FIOSETOWN SIOCSPGRP FIOGETOWN SIOCGPGRP */
    { 0x8905, A_PTR, 4 }, { 0x8906, A_PTR, 16 }, { 0x8907, A_PTR, 16 },
    /* SIOCATMARK SIOCGSTAMP SIOCGSTAMPNS (64-bit timeval/timespec) */
    { 0x8910, A_PTR, 40 }, { 0x8913, A_PTR, 40 }, { 0x8915, A_PTR, 40 }, { 0x8917, A_PTR, 40 },
    { 0x8919, A_PTR, 40 }, { 0x891b, A_PTR, 40 }, { 0x891d, A_PTR, 40 }, { 0x8921, A_PTR, 40 },
    { 0x8927, A_PTR, 40 }, { 0x8933, A_PTR, 40 }, { 0x8942, A_PTR, 40 },
    /* SIOCGIF: NAME FLAGS ADDR DSTADDR BRDADDR NETMASK METRIC MTU HWADDR INDEX TXQLEN */
    { 0x40049409, A_INT, 0 },                                           /* FICLONE */
    { 0x4020940d, A_PTR, 32 },                                          /* FICLONERANGE */
    { 0x80086601, A_PTR, 4 },                                           /* FS_IOC_GETFLAGS (int) */
    { 0x1268, A_PTR, 4 }, { 0x80081272, A_PTR, 8 },                     /* BLKSSZGET BLKGETSIZE64 */
};

/* The integer fields of an A_PTR argument, for a big-endian host */
static const char *arg_layout(uint32_t req, unsigned size)
{
    switch (req) {
    case 0x5413: case 0x5414: return "2222";                /* winsize */
    case 0x8906: case 0x8907: return "88";                  /* timeval, timespec */
    case 0x8913: case 0x8915: case 0x8917: case 0x8919: case 0x891b: case 0x8927:
        return "p2";            /* ifreq: flags, or a sockaddr's (host-order) family */
    case 0x4020940d: return "8888";                         /* file_clone_range */
    }
    if (size == 36 || size == 44)
        return "4444t44";       /* termios(2): flags, line and c_cc bytes, speeds */
    if (size == 40)
        return "p4";            /* ifreq: an int (index, metric, mtu, qlen) */
    return size == 8 ? "8" : "4";
}

/* SIOCGIFCONF: struct ifconf { int len; char *buf; } holds a guest pointer */
static int64_t ifconf(struct rv_cpu *cpu, int fd, uint64_t g)
{
    int64_t ic[2];
    if (sys_get(cpu, ic, g, sizeof ic, "4d8"))
        return -EFAULT;
    int len = (int)ic[0];
    if (len < 0)
        return -EINVAL;
    struct ifconf h = { .ifc_len = len, .ifc_buf = NULL };
    if (ic[1]) {
        h.ifc_buf = sys_ubuf(cpu, (uint64_t)ic[1], (uint64_t)len);
        if (!h.ifc_buf)
            return -EFAULT;
    }
    if (ioctl(fd, SIOCGIFCONF, &h) != 0)
        return -errno;
    if (h.ifc_buf && h.ifc_len > 0)     /* struct ifreq records just written by the host */
        rv_le_fix(h.ifc_buf, "p2", sizeof(struct ifreq), (size_t)h.ifc_len / sizeof(struct ifreq));
    return sys_put32(cpu, g, (uint32_t)h.ifc_len) ? -EFAULT : 0;
}

SYS(ioctl)
{
    int fd = (int)a[0];
    uint32_t req = (uint32_t)a[1];
    if (req == 0x8912)
        return ifconf(cpu, fd, a[2]);
    if (req == 0x5412)          /* TIOCSTI: injecting terminal input is not allowed */
        return -EPERM;
    for (size_t i = 0; i < sizeof iocs / sizeof *iocs; i++) {
        const struct ioc *c = &iocs[i];
        if (c->req != req)
            continue;
        switch (c->arg) {
        case A_NONE: return sys_ret(ioctl(fd, (unsigned long)req));
        case A_INT: return sys_ret(ioctl(fd, (unsigned long)req, (unsigned long)a[2]));
        case A_OFLAGS: return sys_ret(ioctl(fd, (unsigned long)req, sys_open_flags(a[2])));
        default: {
            BUF_ARG(p, a[2], c->size);
            if (!RV_HOST_BE)
                return sys_ret(ioctl(fd, (unsigned long)req, p));
            /* a host-order copy; written back only when the host changed it (read-only
             * guest memory stays untouched by the requests that only read) */
            unsigned char h[64], before[64];
            const char *l = arg_layout(req, c->size);
            if (sys_get(cpu, h, a[2], c->size, l))
                return -EFAULT;
            memcpy(before, h, c->size);
            int r = ioctl(fd, (unsigned long)req, h);
            if (r < 0)
                return -errno;
            if (memcmp(before, h, c->size) && sys_put(cpu, a[2], h, c->size, l))
                return -EFAULT;
            return r;
        }
        }
    }
    return -ENOTTY;
}
