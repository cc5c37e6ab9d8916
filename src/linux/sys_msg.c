/* sendmsg, recvmsg, sendmmsg, recvmmsg: struct msghdr and struct mmsghdr hold guest pointers
 * and are rebuilt on the host. Control messages are copied through a bounce buffer as they
 * are where struct cmsghdr is riscv64's (64-bit hosts); a 32-bit host's has a 32-bit length
 * and 4-byte alignment, so there each message is converted (cmsg_to_host, cmsg_to_guest).
 * On a big-endian host the integers of the headers, of the messages (cmsg_fix) and of the
 * names are swapped in the bounce buffers, the guest's copies being little-endian. */
#include <netinet/in.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <unistd.h>
#include "linux/syscall.h"
#include "linux/sys_util.h"

/* riscv64's struct cmsghdr: u64 len, int level, int type, data aligned to 8 */
#define G_CMSG_HDR 16u
#define G_CMSG_ALIGN(n) (((n) + 7) & ~(uint64_t)7)
#define CMSG_SAME (sizeof(struct cmsghdr) == G_CMSG_HDR && CMSG_ALIGN(1) == 8)

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
/* control messages of len bytes in riscv64's layout, between the guest's order and the
 * host's (to_host) */
static void cmsg_fix(unsigned char *c, size_t len, int to_host)
{
    size_t off = 0;
    while (RV_HOST_BE && off + G_CMSG_HDR <= len) {
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
        if (l < G_CMSG_HDR || l > len - off)
            break;
        rv_le_fix(h + G_CMSG_HDR, cmsg_layout((int)lev, (int)type), l - G_CMSG_HDR, 1);
        off += G_CMSG_ALIGN(l);
    }
}

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
    uint64_t ctlcap;            /* recv: the guest's control buffer size (up to SYS_CTL_MAX) */
};

static void msg_free(struct hmsg *m)
{
    free(m->h.msg_iov);
    free(m->h.msg_control);
    m->h.msg_iov = NULL;
    m->h.msg_control = NULL;
}

/* The guest's control messages (n bytes at src) in the host's layout at dst, which has room
 * for n bytes (a host message is never larger than the guest's): the host length, or -EINVAL
 * for a malformed one, as the kernel says. */
static int64_t cmsg_to_host(uint8_t *dst, const uint8_t *src, uint64_t n)
{
    uint64_t o = 0, h = 0;
    while (n - o >= G_CMSG_HDR) {
        uint64_t len;
        int32_t lt[2];
        memcpy(&len, src + o, 8);
        memcpy(lt, src + o + 8, 8);
        if (len < G_CMSG_HDR || len > n - o)
            return -EINVAL;
        uint64_t d = len - G_CMSG_HDR;
        struct cmsghdr c = { .cmsg_len = CMSG_LEN(d), .cmsg_level = lt[0], .cmsg_type = lt[1] };
        memcpy(dst + h, &c, sizeof c);
        memcpy(dst + h + CMSG_LEN(0), src + o + G_CMSG_HDR, d);
        h += CMSG_SPACE(d);
        o += G_CMSG_ALIGN(len);
        if (o > n)
            break;
    }
    return (int64_t)(h < n ? h : n);
}

/* A host SOL_SOCKET message type named as riscv64 names it (the _NEW timestamps of a 32-bit
 * host carry riscv64's 64-bit fields) */
static int guest_cmsg_type(int level, int type)
{
    if (level != SOL_SOCKET)
        return type;
    switch (type) {
    case 63: return 29;         /* SO_TIMESTAMP_NEW -> SO_TIMESTAMP */
    case 64: return 35;         /* SO_TIMESTAMPNS_NEW -> SO_TIMESTAMPNS */
    case 65: return 37;         /* SO_TIMESTAMPING_NEW -> SO_TIMESTAMPING */
    default: return type;
    }
}

/* The host's received control messages (n bytes at src) in riscv64's layout at dst (cap
 * bytes), truncated as the kernel truncates for a short buffer: *ctrunc is set, and
 * descriptors of SCM_RIGHTS that did not fit are closed. Returns the guest length. */
static uint64_t cmsg_to_guest(uint8_t *dst, uint64_t cap, const uint8_t *src, uint64_t n,
                              int *ctrunc)
{
    uint64_t o = 0, g = 0;
    while (n - o >= sizeof(struct cmsghdr)) {
        struct cmsghdr c;
        memcpy(&c, src + o, sizeof c);
        if (c.cmsg_len < CMSG_LEN(0) || c.cmsg_len > n - o)
            break;
        uint64_t d = c.cmsg_len - CMSG_LEN(0), room = cap - g, keep = d;
        const uint8_t *data = src + o + CMSG_LEN(0);
        if (room < G_CMSG_HDR + d) {
            *ctrunc = 1;
            keep = room < G_CMSG_HDR ? 0 : room - G_CMSG_HDR;
            if (c.cmsg_level == SOL_SOCKET && c.cmsg_type == SCM_RIGHTS) {
                keep -= keep % sizeof(int);
                for (uint64_t i = keep; i + sizeof(int) <= d; i += sizeof(int)) {
                    int fd;
                    memcpy(&fd, data + i, sizeof fd);
                    close(fd);
                }
            }
        }
        if (room >= G_CMSG_HDR) {
            uint64_t len = G_CMSG_HDR + keep;
            int32_t lt[2] = { c.cmsg_level, guest_cmsg_type(c.cmsg_level, c.cmsg_type) };
            memcpy(dst + g, &len, 8);
            memcpy(dst + g + 8, lt, 8);
            memcpy(dst + g + G_CMSG_HDR, data, keep);
            g += G_CMSG_ALIGN(len) < room ? G_CMSG_ALIGN(len) : room;
        }
        o += CMSG_ALIGN(c.cmsg_len);
        if (o > n)
            break;
    }
    return g;
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
            int64_t n = sys_sockaddr_in(cpu, g->name, g->namelen, &m->name);
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
        if (n > SYS_CTL_MAX) {
            if (!recv)
                return -ENOBUFS;
            n = SYS_CTL_MAX;
        }
        m->h.msg_control = calloc(1, n);
        if (!m->h.msg_control)
            return -ENOMEM;
        if (recv) {
            if (!sys_ubuf(cpu, g->control, n))
                return -EFAULT;
            m->ctlcap = n;
        } else {
            if (rv_copy_from_guest(MEM, m->h.msg_control, g->control, n))
                return -EFAULT;
            cmsg_fix(m->h.msg_control, n, 1);       /* host order, riscv64's layout */
            if (!CMSG_SAME) {
                uint8_t *gc = m->h.msg_control;
                if (!(m->h.msg_control = calloc(1, n))) {
                    free(gc);
                    return -ENOMEM;
                }
                int64_t hn = cmsg_to_host(m->h.msg_control, gc, n);
                free(gc);
                if (hn < 0)
                    return hn;
                n = (uint64_t)hn;
            }
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
        sys_sockaddr_fix(&m->name, m->h.msg_namelen < sizeof m->name ? m->h.msg_namelen : sizeof m->name, 0);
        if (n && rv_copy_to_guest(MEM, g->name, &m->name, n))
            return -EFAULT;
        g->namelen = m->h.msg_namelen;
    } else {
        g->namelen = 0;
    }
    g->flags = m->h.msg_flags;      /* MSG_* are generic */
    if (m->h.msg_control && !CMSG_SAME) {
        uint8_t *gc = calloc(1, m->ctlcap);
        if (!gc)
            return -ENOMEM;
        int ctrunc = 0;
        g->controllen = cmsg_to_guest(gc, m->ctlcap, m->h.msg_control, m->h.msg_controllen, &ctrunc);
        if (ctrunc)
            g->flags |= MSG_CTRUNC;
        cmsg_fix(gc, g->controllen, 0);
        int e = g->controllen && rv_copy_to_guest(MEM, g->control, gc, g->controllen);
        free(gc);
        if (e)
            return -EFAULT;
    } else if (m->h.msg_control) {
        cmsg_fix(m->h.msg_control, m->h.msg_controllen, 0);
        if (m->h.msg_controllen && rv_copy_to_guest(MEM, g->control, m->h.msg_control, m->h.msg_controllen))
            return -EFAULT;
        g->controllen = m->h.msg_controllen;
    } else {
        g->controllen = 0;
    }
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
        uint64_t ts[2];             /* riscv64's struct timespec */
        void *tmo = a[4] ? sys_in(cpu, a[4], 16, ts, L_TS) : NULL;
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
