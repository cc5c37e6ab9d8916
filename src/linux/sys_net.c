/* Sockets. Address families UNIX, INET, INET6 and NETLINK; socket addresses, struct linger,
 * struct ucred and the socket option and MSG_* numbers are the same on riscv64 and the hosts.
 * A 32-bit host (with 64-bit time_t) names the options holding a struct timeval or timespec
 * differently (sockopt_name). What holds guest pointers is rebuilt: struct msghdr and struct
 * mmsghdr (sys_msg.c) and the socket filter program of SO_ATTACH_FILTER. Addresses go through
 * bounce buffers, so a length the guest changes during the call can never make the host write
 * outside what was checked. On a big-endian host their integer fields (not the network-order
 * ports and addresses) and those of option values are swapped there. */
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <unistd.h>
#include "linux/syscall.h"
#include "linux/sys_util.h"

_Static_assert(SOL_SOCKET == 1 && SO_LINGER == 13 && SO_RCVBUF == 8 &&
               SO_PASSCRED == 16 && SO_PEERCRED == 17 && SCM_RIGHTS == 1 && SCM_CREDENTIALS == 2 &&
               MSG_DONTWAIT == 0x40 && MSG_NOSIGNAL == 0x4000 && MSG_CMSG_CLOEXEC == 0x40000000,
               "host socket constants are not the asm-generic ones: translate them");
_Static_assert(sizeof(long) == 4 || SO_RCVTIMEO == 20,
               "a 64-bit host's SO_RCVTIMEO is not the asm-generic one: translate it");

/* The host-order fields of a socket address of the given family */
static const char *addr_layout(unsigned family)
{
    switch (family) {
    case AF_INET6: return "2v4";        /* family, port to address (network order), scope */
    case AF_NETLINK: return "2b44";     /* family, pad, pid, groups */
    case AF_PACKET: return "2b42";      /* family, protocol (network order), ifindex, hatype */
    default: return "2";                /* family; the rest is bytes or network order */
    }
}
void sys_sockaddr_fix(void *sa, size_t len, int to_host)
{
    if (!RV_HOST_BE || len < 2)
        return;
    uint16_t fam;
    memcpy(&fam, sa, 2);
    rv_le_fix(sa, addr_layout(to_host ? rv_le16(fam) : fam), len, 1);
}

/* socket(2) type argument: SOCK_* kind plus SOCK_NONBLOCK / SOCK_CLOEXEC */
static int sock_type(uint64_t g)
{
    int kind = (int)(g & 0xf);
    if (kind < 1 || kind > 10 || (g & 0xfffffff0 & ~(uint64_t)(G_O_NONBLOCK | G_O_CLOEXEC)))
        return -1;
    return kind | (g & G_O_NONBLOCK ? SOCK_NONBLOCK : 0) | (g & G_O_CLOEXEC ? SOCK_CLOEXEC : 0);
}

static int family_ok(int f)
{
    return f == AF_UNIX || f == AF_INET || f == AF_INET6 || f == AF_NETLINK;
}

SYS(socket)
{
    int t = sock_type(a[1]);
    if (!family_ok((int)a[0]))
        return -EAFNOSUPPORT;
    if (t < 0)
        return -EINVAL;
    return sys_ret(socket((int)a[0], t, (int)a[2]));
}

SYS(socketpair)
{
    int t = sock_type(a[1]), sv[2];
    if (!family_ok((int)a[0]))
        return -EAFNOSUPPORT;
    if (t < 0)
        return -EINVAL;
    if (!sys_ubuf(cpu, a[3], 8))
        return -EFAULT;
    if (socketpair((int)a[0], t, (int)a[2], sv) != 0)
        return -errno;
    if (sys_put(cpu, a[3], sv, sizeof sv, "44")) {
        close(sv[0]);
        close(sv[1]);
        return -EFAULT;
    }
    return 0;
}

int64_t sys_sockaddr_in(struct rv_cpu *cpu, uint64_t g, uint64_t len, void *buf)
{
    if (len > SYS_ADDR_MAX)
        return -EINVAL;
    if (len && rv_copy_from_guest(MEM, buf, g, len))
        return -EFAULT;
    sys_sockaddr_fix(buf, len, 1);
    return (int64_t)len;
}

/* the capacity the guest gives in *lenp (an int); -errno when unreadable or negative */
static int64_t addrlen_in(struct rv_cpu *cpu, uint64_t lenp)
{
    uint32_t len;
    if (sys_get32(cpu, lenp, &len))
        return -EFAULT;
    return (int32_t)len < 0 ? -EINVAL : (int32_t)len;
}

/* copies a returned address back: at most cap bytes, and the full length to *lenp */
static int64_t addr_out(struct rv_cpu *cpu, uint64_t g, uint64_t lenp, int64_t cap,
                        const void *buf, socklen_t len)
{
    int64_t n = (int64_t)len < cap ? (int64_t)len : cap;
    if ((n > 0 && rv_copy_to_guest(MEM, g, buf, (size_t)n)) || sys_put32(cpu, lenp, (uint32_t)len))
        return -EFAULT;
    return 0;
}

SYS(bind)
{
    struct sockaddr_storage sa;
    int64_t n = sys_sockaddr_in(cpu, a[1], a[2], &sa);
    return n < 0 ? n : sys_ret(bind((int)a[0], (struct sockaddr *)&sa, (socklen_t)n));
}

SYS(connect)
{
    struct sockaddr_storage sa;
    int64_t n = sys_sockaddr_in(cpu, a[1], a[2], &sa);
    return n < 0 ? n : sys_ret(connect((int)a[0], (struct sockaddr *)&sa, (socklen_t)n));
}

SYS(listen) { return sys_ret(listen((int)a[0], (int)a[1])); }
SYS(shutdown) { return sys_ret(shutdown((int)a[0], (int)a[1])); }

static int64_t do_accept(struct rv_cpu *cpu, const uint64_t *a, uint64_t gflags)
{
    int f = sys_nb_cloexec(gflags, 0);
    if (f < 0)
        return -EINVAL;
    int hf = (f & O_NONBLOCK ? SOCK_NONBLOCK : 0) | (f & O_CLOEXEC ? SOCK_CLOEXEC : 0);
    struct sockaddr_storage sa;
    int64_t cap = 0;
    if (a[1]) {
        cap = addrlen_in(cpu, a[2]);
        if (cap < 0)
            return cap;
        if (!sys_ubuf(cpu, a[1], (uint64_t)cap))
            return -EFAULT;
    }
    socklen_t len = sizeof sa;
    int fd = accept4((int)a[0], a[1] ? (struct sockaddr *)&sa : NULL, a[1] ? &len : NULL, hf);
    if (fd < 0)
        return -errno;
    if (a[1])
        sys_sockaddr_fix(&sa, len < sizeof sa ? len : sizeof sa, 0);
    if (a[1] && addr_out(cpu, a[1], a[2], cap, &sa, len)) {
        close(fd);
        return -EFAULT;
    }
    return fd;
}

SYS(accept) { return do_accept(cpu, a, 0); }
SYS(accept4) { return do_accept(cpu, a, a[3]); }

static int64_t sockname(struct rv_cpu *cpu, const uint64_t *a, int peer)
{
    int64_t cap = addrlen_in(cpu, a[2]);
    if (cap < 0)
        return cap;
    struct sockaddr_storage sa;
    socklen_t len = sizeof sa;
    int r = peer ? getpeername((int)a[0], (struct sockaddr *)&sa, &len)
                 : getsockname((int)a[0], (struct sockaddr *)&sa, &len);
    if (r != 0)
        return -errno;
    sys_sockaddr_fix(&sa, len < sizeof sa ? len : sizeof sa, 0);
    return addr_out(cpu, a[1], a[2], cap, &sa, len);
}

SYS(getsockname) { return sockname(cpu, a, 0); }
SYS(getpeername) { return sockname(cpu, a, 1); }

SYS(sendto)
{
    BUF_ARG(buf, a[1], a[2]);
    struct sockaddr_storage sa;
    int64_t n = 0;
    if (a[4]) {
        n = sys_sockaddr_in(cpu, a[4], a[5], &sa);
        if (n < 0)
            return n;
    }
    return sys_ret(sendto((int)a[0], buf, a[2], (int)a[3], a[4] ? (struct sockaddr *)&sa : NULL,
                          (socklen_t)n));
}

SYS(recvfrom)
{
    BUF_ARG(buf, a[1], a[2]);
    struct sockaddr_storage sa;
    socklen_t len = sizeof sa;
    int64_t cap = 0;
    if (a[4]) {
        if (!a[5])
            return -EFAULT;
        cap = addrlen_in(cpu, a[5]);
        if (cap < 0)
            return cap;
    }
    ssize_t r = recvfrom((int)a[0], buf, a[2], (int)a[3], a[4] ? (struct sockaddr *)&sa : NULL,
                         a[4] ? &len : NULL);
    if (r < 0)
        return -errno;
    if (a[4])
        sys_sockaddr_fix(&sa, len < sizeof sa ? len : sizeof sa, 0);
    if (a[4] && addr_out(cpu, a[4], a[5], cap, &sa, len))
        return -EFAULT;
    return r;
}

/* ---- socket options ---------------------------------------------------------------------- */

/* SO_ATTACH_FILTER / SO_ATTACH_REUSEPORT_CBPF: struct sock_fprog { u16 len; struct sock_filter *f; } */
static int64_t attach_filter(struct rv_cpu *cpu, const uint64_t *a)
{
    if (a[4] < 16)
        return -EINVAL;
    uint64_t prog[2];
    if (sys_get(cpu, prog, a[3], sizeof prog, "2f8"))
        return -EFAULT;
    struct { unsigned short len; void *filter; } h;
    memcpy(&h.len, prog, 2);        /* u16 len, then the pointer at 8 */
    h.filter = sys_ubuf(cpu, prog[1], (uint64_t)h.len * 8);
    if (!h.filter)
        return -EFAULT;
    void *be = NULL;
    if (RV_HOST_BE) {       /* struct sock_filter { u16 code; u8 jt, jf; u32 k; } */
        if (!(be = malloc((size_t)h.len * 8 + 1)))
            return -ENOMEM;
        if (rv_copy_from_guest(MEM, be, prog[1], (size_t)h.len * 8)) {
            free(be);
            return -EFAULT;
        }
        rv_le_fix(be, "2aa4", 8, h.len);
        h.filter = be;
    }
    long r = setsockopt((int)a[0], SOL_SOCKET, (int)a[2], &h, sizeof h);
    r = r < 0 ? -errno : r;
    free(be);
    return r;
}

/* The integer fields of a socket option value (for a big-endian host) */
static const char *opt_layout(int level, int name)
{
    if (level == SOL_SOCKET)
        switch (name) {
        case 20: case 21: case 66: case 67: return "8{2}";   /* SO_{RCV,SND}TIMEO(_NEW) */
        case 25: case 28: case 59: return "";                 /* device, peer name, peersec */
        default: return "4{64}";        /* ints, struct linger, struct ucred */
        }
    if (level == IPPROTO_TCP && name == 11)     /* TCP_INFO */
        return "h4{24}8{4}4{6}8{4}4{2}8{2}4{8}";
    if (level == IPPROTO_IP && (name == 32 || name == 35 || name == 36 || name == 4))
        return "";          /* IP_MULTICAST_IF, memberships, options: addresses, bytes */
    if (level == IPPROTO_IPV6 && (name == 20 || name == 21))
        return "p4";        /* IPV6_{ADD,DROP}_MEMBERSHIP: address, ifindex */
    return "4";             /* an int (or a byte: shorter than the field, left alone) */
}

/* The riscv64 (asm-generic, 64-bit long) option numbers for a struct timeval or timespec are
 * the host's "_OLD" ones with 32-bit fields on a 32-bit host; its "_NEW" ones (Linux 5.1)
 * have the 64-bit fields of riscv64's. */
static int sockopt_name(int level, int name)
{
    if (sizeof(long) == 8 || level != SOL_SOCKET)
        return name;
    switch (name) {
    case 20: return 66;         /* SO_RCVTIMEO -> SO_RCVTIMEO_NEW */
    case 21: return 67;         /* SO_SNDTIMEO -> SO_SNDTIMEO_NEW */
    case 29: return 63;         /* SO_TIMESTAMP -> SO_TIMESTAMP_NEW */
    case 35: return 64;         /* SO_TIMESTAMPNS -> SO_TIMESTAMPNS_NEW */
    case 37: return 65;         /* SO_TIMESTAMPING -> SO_TIMESTAMPING_NEW */
    default: return name;
    }
}

static int opt_allowed(int level, int name)
{
    switch (level) {
    case SOL_SOCKET:
        /* eBPF programs, and the filter program pointers (handled apart) */
        return name != 50 && name != 52 /* SO_ATTACH_BPF, SO_ATTACH_REUSEPORT_EBPF */;
    case IPPROTO_TCP:
        return name != 35;      /* TCP_ZEROCOPY_RECEIVE: maps socket pages, holds addresses */
    case IPPROTO_IP: case IPPROTO_IPV6: case IPPROTO_UDP: case IPPROTO_ICMPV6: case IPPROTO_RAW:
    case 270 /* SOL_NETLINK */:
        return 1;
    default:
        return 0;
    }
}

SYS(setsockopt)
{
    int level = (int)a[1], name = (int)a[2];
    if (level == SOL_SOCKET && (name == 26 || name == 51))
        return attach_filter(cpu, a);
    if (!opt_allowed(level, name))
        return -ENOPROTOOPT;
    if ((int)a[4] < 0)
        return -EINVAL;
    BUF_ARG(v, a[3], (uint32_t)a[4]);
    if (!RV_HOST_BE)
        return sys_ret(setsockopt((int)a[0], level, sockopt_name(level, name), v, (socklen_t)a[4]));
    unsigned char h[512];
    if ((uint32_t)a[4] > sizeof h)
        return -EINVAL;
    if (sys_get(cpu, h, a[3], (uint32_t)a[4], opt_layout(level, name)))
        return -EFAULT;
    return sys_ret(setsockopt((int)a[0], level, sockopt_name(level, name), h, (socklen_t)a[4]));
}

SYS(getsockopt)
{
    int level = (int)a[1], name = (int)a[2];
    if (!opt_allowed(level, name))
        return -ENOPROTOOPT;
    int64_t cap = addrlen_in(cpu, a[4]);
    if (cap < 0)
        return cap;
    if (cap > SYS_CTL_MAX)
        cap = SYS_CTL_MAX;
    void *buf = malloc(cap ? (size_t)cap : 1);
    if (!buf)
        return -ENOMEM;
    socklen_t len = (socklen_t)cap;
    int64_t r = 0;
    if (getsockopt((int)a[0], level, sockopt_name(level, name), buf, &len) != 0) {
        r = -errno;
    } else {
        rv_le_fix(buf, opt_layout(level, name), len < (socklen_t)cap ? len : (size_t)cap, 1);
        r = addr_out(cpu, a[3], a[4], cap, buf, len);
    }
    free(buf);
    return r;
}
