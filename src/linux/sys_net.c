/* Sockets. Address families UNIX, INET, INET6 and NETLINK; socket addresses, struct linger,
 * struct timeval, struct ucred and control-message headers have the same layout on riscv64
 * and the 64-bit hosts, and SOL_SOCKET option and MSG_* numbers are the asm-generic ones on
 * x86-64 and arm64. What holds guest pointers is rebuilt: struct msghdr and struct mmsghdr
 * (name, iovecs, control buffer) and the socket filter program of SO_ATTACH_FILTER.
 * Addresses and control data go through bounce buffers, so a length the guest changes
 * during the call can never make the host write outside what was checked. On a big-endian
 * host their integer fields (not the network-order ports and addresses) are swapped there. */
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

_Static_assert(SOL_SOCKET == 1 && SO_RCVTIMEO == 20 && SO_LINGER == 13 && SO_RCVBUF == 8 &&
               SO_PASSCRED == 16 && SO_PEERCRED == 17 && SCM_RIGHTS == 1 && SCM_CREDENTIALS == 2 &&
               MSG_DONTWAIT == 0x40 && MSG_NOSIGNAL == 0x4000 && MSG_CMSG_CLOEXEC == 0x40000000,
               "host socket constants are not the asm-generic ones: translate them");
_Static_assert(sizeof(struct cmsghdr) == 16 && CMSG_ALIGN(1) == 8,
               "host cmsghdr differs from riscv64's");

#define ADDR_MAX 128            /* sizeof(struct sockaddr_storage) */
#define CTL_MAX 65536

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
/* a socket address of len bytes from the guest's order to the host's (to_host) or back */
static void addr_fix(void *sa, size_t len, int to_host)
{
    if (!RV_HOST_BE || len < 2)
        return;
    uint16_t fam;
    memcpy(&fam, sa, 2);
    rv_le_fix(sa, addr_layout(to_host ? rv_le16(fam) : fam), len, 1);
}

/* The integer fields of a control message's data (the header is done apart) */
static const char *cmsg_layout(int level, int type)
{
    if (level == SOL_SOCKET)
        switch (type) {
        case SCM_RIGHTS: return "4{253}";           /* descriptors */
        case SCM_CREDENTIALS: return "444";
        case 29: case 35: return "88";              /* SO_TIMESTAMP(NS)_OLD */
        case 37: return "8{6}";                     /* SO_TIMESTAMPING_OLD */
        default: return "";
        }
    if (level == IPPROTO_IP)
        return type == 8 || type == 1 || type == 2 ? "4" : "";  /* PKTINFO (ifindex), TOS, TTL */
    if (level == IPPROTO_IPV6)
        return type == 50 ? "p4" : type == 52 || type == 67 ? "4" : "";  /* PKTINFO, HOPLIMIT, TCLASS */
    return "";
}
/* control messages of len bytes, between the guest's order and the host's (to_host) */
static void cmsg_fix(unsigned char *c, size_t len, int to_host)
{
    size_t off = 0;
    while (RV_HOST_BE && off + 16 <= len) {
        unsigned char *h = c + off;
        uint64_t l;
        memcpy(&l, h, 8);
        if (to_host)
            rv_le_fix(h, "844", 16, 1);
        uint32_t lev, type;
        memcpy(&lev, h + 8, 4);
        memcpy(&type, h + 12, 4);
        if (!to_host)
            rv_le_fix(h, "844", 16, 1);
        else
            l = rv_le64(l);
        if (l < 16 || l > len - off)
            break;
        rv_le_fix(h + 16, cmsg_layout((int)lev, (int)type), l - 16, 1);
        off += (l + 7) & ~(uint64_t)7;
    }
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

/* a guest socket address into buf: its length, or -errno */
static int64_t addr_in(struct rv_cpu *cpu, uint64_t g, uint64_t len, void *buf)
{
    if (len > ADDR_MAX)
        return -EINVAL;
    if (len && rv_copy_from_guest(MEM, buf, g, len))
        return -EFAULT;
    addr_fix(buf, len, 1);
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
    int64_t n = addr_in(cpu, a[1], a[2], &sa);
    return n < 0 ? n : sys_ret(bind((int)a[0], (struct sockaddr *)&sa, (socklen_t)n));
}

SYS(connect)
{
    struct sockaddr_storage sa;
    int64_t n = addr_in(cpu, a[1], a[2], &sa);
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
        addr_fix(&sa, len < sizeof sa ? len : sizeof sa, 0);
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
    addr_fix(&sa, len < sizeof sa ? len : sizeof sa, 0);
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
        n = addr_in(cpu, a[4], a[5], &sa);
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
        addr_fix(&sa, len < sizeof sa ? len : sizeof sa, 0);
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
        return sys_ret(setsockopt((int)a[0], level, name, v, (socklen_t)a[4]));
    unsigned char h[512];
    if ((uint32_t)a[4] > sizeof h)
        return -EINVAL;
    if (sys_get(cpu, h, a[3], (uint32_t)a[4], opt_layout(level, name)))
        return -EFAULT;
    return sys_ret(setsockopt((int)a[0], level, name, h, (socklen_t)a[4]));
}

SYS(getsockopt)
{
    int level = (int)a[1], name = (int)a[2];
    if (!opt_allowed(level, name))
        return -ENOPROTOOPT;
    int64_t cap = addrlen_in(cpu, a[4]);
    if (cap < 0)
        return cap;
    if (cap > CTL_MAX)
        cap = CTL_MAX;
    void *buf = malloc(cap ? (size_t)cap : 1);
    if (!buf)
        return -ENOMEM;
    socklen_t len = (socklen_t)cap;
    int64_t r = 0;
    if (getsockopt((int)a[0], level, name, buf, &len) != 0) {
        r = -errno;
    } else {
        rv_le_fix(buf, opt_layout(level, name), len < (socklen_t)cap ? len : (size_t)cap, 1);
        r = addr_out(cpu, a[3], a[4], cap, buf, len);
    }
    free(buf);
    return r;
}

/* ---- sendmsg / recvmsg: struct msghdr is rebuilt on the host --------------------------- */

/* struct msghdr of riscv64: 56 bytes */
struct guest_msghdr {
    uint64_t name;
    uint32_t namelen, pad;
    uint64_t iov, iovlen, control, controllen;
    int32_t flags, pad2;
};
_Static_assert(sizeof(struct guest_msghdr) == 56, "riscv64 struct msghdr is 56 bytes");
#define L_MSGHDR "84d88884"

struct hmsg {
    struct msghdr h;
    struct guest_msghdr g;
    struct sockaddr_storage name;
    uint64_t namecap;           /* recv: the guest's name buffer size */
};

static void msg_free(struct hmsg *m)
{
    free(m->h.msg_iov);
    free(m->h.msg_control);
    m->h.msg_iov = NULL;
    m->h.msg_control = NULL;
}

/* the guest msghdr at ga into m (send: name and control copied in) */
static int64_t msg_in(struct rv_cpu *cpu, uint64_t ga, struct hmsg *m, int recv)
{
    memset(&m->h, 0, sizeof m->h);
    if (sys_get(cpu, &m->g, ga, sizeof m->g, L_MSGHDR))
        return -EFAULT;
    struct guest_msghdr *g = &m->g;
    if (g->name) {
        if (recv) {
            if ((int32_t)g->namelen < 0)
                return -EINVAL;
            m->namecap = g->namelen;
            if (!sys_ubuf(cpu, g->name, m->namecap))
                return -EFAULT;
            m->h.msg_namelen = sizeof m->name;
        } else {
            int64_t n = addr_in(cpu, g->name, g->namelen, &m->name);
            if (n < 0)
                return n;
            m->h.msg_namelen = (socklen_t)n;
        }
        m->h.msg_name = &m->name;
    }
    if (g->iovlen > IOV_MAX)
        return -EMSGSIZE;
    if (g->iovlen) {
        m->h.msg_iov = malloc(g->iovlen * sizeof(struct iovec));
        if (!m->h.msg_iov)
            return -ENOMEM;
        int64_t e = sys_iov_in(cpu, g->iov, g->iovlen, m->h.msg_iov);
        if (e)
            return e;
        m->h.msg_iovlen = g->iovlen;
    }
    if (g->control && g->controllen) {
        uint64_t n = g->controllen;
        if (n > CTL_MAX) {
            if (!recv)
                return -ENOBUFS;
            n = CTL_MAX;
        }
        m->h.msg_control = calloc(1, n);
        if (!m->h.msg_control)
            return -ENOMEM;
        if (recv) {
            if (!sys_ubuf(cpu, g->control, n))
                return -EFAULT;
        } else if (rv_copy_from_guest(MEM, m->h.msg_control, g->control, n)) {
            return -EFAULT;
        } else {
            cmsg_fix(m->h.msg_control, n, 1);
        }
        m->h.msg_controllen = n;
    }
    return 0;
}

/* after recvmsg: name, control data and their lengths, and flags back to the guest at ga */
static int64_t msg_out(struct rv_cpu *cpu, uint64_t ga, struct hmsg *m)
{
    struct guest_msghdr *g = &m->g;
    if (g->name) {
        uint64_t n = m->h.msg_namelen < m->namecap ? m->h.msg_namelen : m->namecap;
        addr_fix(&m->name, m->h.msg_namelen < sizeof m->name ? m->h.msg_namelen : sizeof m->name, 0);
        if (n && rv_copy_to_guest(MEM, g->name, &m->name, n))
            return -EFAULT;
        g->namelen = m->h.msg_namelen;
    } else {
        g->namelen = 0;
    }
    if (m->h.msg_control) {
        cmsg_fix(m->h.msg_control, m->h.msg_controllen, 0);
        if (m->h.msg_controllen && rv_copy_to_guest(MEM, g->control, m->h.msg_control, m->h.msg_controllen))
            return -EFAULT;
        g->controllen = m->h.msg_controllen;
    } else {
        g->controllen = 0;
    }
    g->flags = m->h.msg_flags;      /* MSG_* are generic */
    return sys_put(cpu, ga, g, sizeof *g, L_MSGHDR) ? -EFAULT : 0;
}

SYS(sendmsg)
{
    struct hmsg m;
    int64_t e = msg_in(cpu, a[1], &m, 0);
    if (!e)
        e = sys_ret(sendmsg((int)a[0], &m.h, (int)a[2]));
    msg_free(&m);
    return e;
}

SYS(recvmsg)
{
    struct hmsg m;
    int64_t e = msg_in(cpu, a[1], &m, 1);
    if (!e) {
        e = sys_ret(recvmsg((int)a[0], &m.h, (int)a[2]));
        if (e >= 0) {
            int64_t o = msg_out(cpu, a[1], &m);
            if (o)
                e = o;
        }
    }
    msg_free(&m);
    return e;
}

/* struct mmsghdr of riscv64: the msghdr, then unsigned msg_len, padded to 64 bytes */
#define MMSG_SIZE 64
#define MMSG_MAX 1024           /* UIO_MAXIOV, the kernel's limit on vlen */

static int64_t mmsg(struct rv_cpu *cpu, const uint64_t *a, int recv)
{
    unsigned vlen = (unsigned)a[2];
    if (vlen > MMSG_MAX)
        vlen = MMSG_MAX;
    if (vlen == 0)
        return 0;
    struct hmsg *m = calloc(vlen, sizeof *m);
    struct mmsghdr *h = calloc(vlen, sizeof *h);
    int64_t r = 0;
    unsigned built = 0;
    if (!m || !h) {
        r = -ENOMEM;
        goto out;
    }
    for (; built < vlen; built++) {
        r = msg_in(cpu, a[1] + (uint64_t)built * MMSG_SIZE, &m[built], recv);
        if (r) {
            built++;
            goto out;
        }
        h[built].msg_hdr = m[built].h;
    }
    if (recv) {
        struct timespec ts;
        void *tmo = a[4] ? sys_in(cpu, a[4], 16, &ts, L_TS) : NULL;
        r = a[4] && !tmo ? -EFAULT : sys_ret(recvmmsg((int)a[0], h, vlen, (int)a[3], tmo));
    } else {
        r = sys_ret(sendmmsg((int)a[0], h, vlen, (int)a[3]));
    }
    for (int64_t i = 0; i < r; i++) {
        uint64_t ga = a[1] + (uint64_t)i * MMSG_SIZE;
        uint32_t len = rv_le32(h[i].msg_len);
        if (recv) {
            m[i].h = h[i].msg_hdr;
            if (msg_out(cpu, ga, &m[i])) {
                r = i ? i : -EFAULT;
                break;
            }
        }
        if (rv_copy_to_guest(MEM, ga + 56, &len, 4)) {
            r = i ? i : -EFAULT;
            break;
        }
    }
out:
    for (unsigned i = 0; m && i < built; i++)
        msg_free(&m[i]);
    free(m);
    free(h);
    return r;
}

SYS(sendmmsg) { return mmsg(cpu, a, 0); }
SYS(recvmmsg) { return mmsg(cpu, a, 1); }
