/* UNIX-domain sockets: a stream socketpair passing descriptors (SCM_RIGHTS) and credentials
 * (SCM_CREDENTIALS), a truncated control buffer (MSG_CTRUNC), a datagram pair with
 * sendmmsg/recvmmsg and scatter/gather iovecs, a named listening socket with accept,
 * receive timeouts, and bad pointers answered with EFAULT. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/uio.h>
#include <sys/un.h>
#include <unistd.h>

static const char *en(int r) { return r >= 0 ? "ok" : errno == EFAULT ? "EFAULT" : errno == EAGAIN ? "EAGAIN" : strerror(errno); }

static void send_fds(int s, const int *fds, int n, const char *data)
{
    char ctl[CMSG_SPACE(sizeof(int) * 4)];
    struct iovec iov = { (void *)data, strlen(data) };
    struct msghdr m = { .msg_iov = &iov, .msg_iovlen = 1, .msg_control = ctl,
                        .msg_controllen = CMSG_SPACE(sizeof(int) * (size_t)n) };
    struct cmsghdr *c = CMSG_FIRSTHDR(&m);
    c->cmsg_level = SOL_SOCKET;
    c->cmsg_type = SCM_RIGHTS;
    c->cmsg_len = CMSG_LEN(sizeof(int) * (size_t)n);
    memcpy(CMSG_DATA(c), fds, sizeof(int) * (size_t)n);
    printf("sendmsg with %d fds: %zd\n", n, sendmsg(s, &m, 0));
}

static int recv_fds(int s, int *fds, size_t ctlsize, int flags)
{
    char ctl[256], data[64];
    struct iovec iov = { data, sizeof data - 1 };
    struct msghdr m = { .msg_iov = &iov, .msg_iovlen = 1, .msg_control = ctl, .msg_controllen = ctlsize };
    ssize_t n = recvmsg(s, &m, flags);
    if (n < 0) {
        printf("recvmsg: %s\n", strerror(errno));
        return 0;
    }
    data[n] = 0;
    int got = 0;
    for (struct cmsghdr *c = CMSG_FIRSTHDR(&m); c; c = CMSG_NXTHDR(&m, c))
        if (c->cmsg_level == SOL_SOCKET && c->cmsg_type == SCM_RIGHTS) {
            got = (int)((c->cmsg_len - CMSG_LEN(0)) / sizeof(int));
            memcpy(fds, CMSG_DATA(c), sizeof(int) * (size_t)got);
        }
    /* (qemu-riscv64 7.2 does not set MSG_CTRUNC when it drops descriptors: not printed then) */
    printf("recvmsg %zd bytes \"%s\", %d fds, controllen %zu", n, data, got, (size_t)m.msg_controllen);
    if (ctlsize >= CMSG_SPACE(sizeof(int) * 2))
        printf(", ctrunc %d", (m.msg_flags & MSG_CTRUNC) != 0);
    printf("\n");
    return got;
}

static void rights(void)
{
    int sv[2];
    printf("socketpair: %s\n", en(socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv)));
    /* a pipe and a file travel; the received copies are new descriptors for the same files */
    int p[2];
    pipe(p);
    int f = open("shim_unix.tmp", O_RDWR | O_CREAT | O_TRUNC, 0600);
    write(f, "file contents", 13);
    int fds[2] = { p[1], f };
    send_fds(sv[0], fds, 2, "two fds");
    int got[4] = { -1, -1, -1, -1 };
    int n = recv_fds(sv[1], got, sizeof(char[CMSG_SPACE(sizeof(int) * 4)]), MSG_CMSG_CLOEXEC);
    if (n == 2) {
        printf("new descriptors: %d, cloexec %d\n", got[0] != p[1] && got[1] != f,
               (fcntl(got[0], F_GETFD) & FD_CLOEXEC) != 0);
        write(got[0], "via passed pipe", 15);
        char buf[32] = { 0 };
        read(p[0], buf, sizeof buf - 1);
        printf("pipe read: %s\n", buf);
        struct stat a, b;
        fstat(f, &a);
        fstat(got[1], &b);
        pread(got[1], buf, 4, 5);
        buf[4] = 0;
        printf("same file: %d, pread through it: %s\n", a.st_ino == b.st_ino, buf);
        close(got[0]);
        close(got[1]);
    }
    /* a control buffer too small for both: MSG_CTRUNC, the extra descriptor is dropped */
    send_fds(sv[0], fds, 2, "truncated");
    n = recv_fds(sv[1], got, CMSG_LEN(sizeof(int)), 0);
    if (n >= 1)
        close(got[0]);
    unlink("shim_unix.tmp");
    close(f);
    close(p[0]);
    close(p[1]);

    /* credentials */
    int one = 1;
    setsockopt(sv[1], SOL_SOCKET, SO_PASSCRED, &one, sizeof one);
    struct ucred uc = { getpid(), getuid(), getgid() };
    char ctl[CMSG_SPACE(sizeof uc)];
    struct iovec iov = { "cred", 4 };
    struct msghdr m = { .msg_iov = &iov, .msg_iovlen = 1, .msg_control = ctl, .msg_controllen = sizeof ctl };
    struct cmsghdr *c = CMSG_FIRSTHDR(&m);
    c->cmsg_level = SOL_SOCKET;
    c->cmsg_type = SCM_CREDENTIALS;
    c->cmsg_len = CMSG_LEN(sizeof uc);
    memcpy(CMSG_DATA(c), &uc, sizeof uc);
    printf("sendmsg credentials: %zd\n", sendmsg(sv[0], &m, 0));
    char data[8];
    struct ucred r = { 0, 0, 0 };
    iov.iov_base = data;
    iov.iov_len = sizeof data;
    m.msg_controllen = sizeof ctl;
    ssize_t k = recvmsg(sv[1], &m, 0);
    for (c = CMSG_FIRSTHDR(&m); c; c = CMSG_NXTHDR(&m, c))
        if (c->cmsg_type == SCM_CREDENTIALS)
            memcpy(&r, CMSG_DATA(c), sizeof r);
    printf("recvmsg %zd, credentials match: pid %d uid %d gid %d\n", k, r.pid == getpid(),
           r.uid == getuid(), r.gid == getgid());
    struct ucred peer;
    socklen_t pl = sizeof peer;
    getsockopt(sv[0], SOL_SOCKET, SO_PEERCRED, &peer, &pl);
    printf("SO_PEERCRED pid match %d len %u\n", peer.pid == getpid(), (unsigned)pl);

    /* receive timeout */
    struct timeval tv = { 0, 20000 };
    setsockopt(sv[1], SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    printf("recv with timeout: %s\n", en((int)recv(sv[1], data, 1, 0)));
    /* bad pointers */
    printf("send from bad buffer: %s\n", en((int)send(sv[0], (void *)8, 10, 0)));
    printf("recvmsg with bad msghdr: %s\n", en((int)recvmsg(sv[1], (void *)16, MSG_DONTWAIT)));
    socklen_t bl = 16;
    printf("getsockname to bad address: %s\n", en(getsockname(sv[0], (void *)24, &bl)));
    close(sv[0]);
    close(sv[1]);
}

static void datagrams(void)
{
    int sv[2];
    socketpair(AF_UNIX, SOCK_DGRAM, 0, sv);
    char a1[] = "alpha", a2[] = "-beta", b1[] = "gamma";
    struct iovec v1[2] = { { a1, 5 }, { a2, 5 } }, v2[1] = { { b1, 5 } };
    struct mmsghdr out[2];
    memset(out, 0, sizeof out);
    out[0].msg_hdr.msg_iov = v1;
    out[0].msg_hdr.msg_iovlen = 2;
    out[1].msg_hdr.msg_iov = v2;
    out[1].msg_hdr.msg_iovlen = 1;
    int n = sendmmsg(sv[0], out, 2, 0);
    printf("sendmmsg: %d, lengths %u %u\n", n, out[0].msg_len, out[1].msg_len);
    char r1[16], r2[16], r3[3], r4[16];
    struct iovec w1[1] = { { r1, sizeof r1 } }, w2[2] = { { r3, 3 }, { r2, sizeof r2 } };
    struct mmsghdr in[2];
    memset(in, 0, sizeof in);
    in[0].msg_hdr.msg_iov = w1;
    in[0].msg_hdr.msg_iovlen = 1;
    in[1].msg_hdr.msg_iov = w2;
    in[1].msg_hdr.msg_iovlen = 2;
    struct timespec t = { 1, 0 };
    n = recvmmsg(sv[1], in, 2, MSG_DONTWAIT, &t);
    printf("recvmmsg: %d, lengths %u %u: %.*s | %.3s+%.*s\n", n, in[0].msg_len, in[1].msg_len,
           (int)in[0].msg_len, r1, r3, (int)in[1].msg_len - 3, r2);
    /* a datagram longer than the buffer: MSG_TRUNC */
    send(sv[0], "0123456789", 10, 0);
    struct iovec w = { r4, 4 };
    struct msghdr m = { .msg_iov = &w, .msg_iovlen = 1 };
    ssize_t k = recvmsg(sv[1], &m, 0);
    printf("short buffer: %zd, trunc %d: %.4s\n", k, (m.msg_flags & MSG_TRUNC) != 0, r4);
    close(sv[0]);
    close(sv[1]);
}

static void named(void)
{
    const char *path = "shim_unix.sock";
    unlink(path);
    int s = socket(AF_UNIX, SOCK_STREAM, 0);
    struct sockaddr_un sa = { .sun_family = AF_UNIX };
    strcpy(sa.sun_path, path);
    printf("bind: %s\n", en(bind(s, (struct sockaddr *)&sa, sizeof sa)));
    printf("listen: %s\n", en(listen(s, 2)));
    struct stat st;
    printf("socket file: %d\n", stat(path, &st) == 0 && S_ISSOCK(st.st_mode));
    int c = socket(AF_UNIX, SOCK_STREAM, 0);
    printf("connect: %s\n", en(connect(c, (struct sockaddr *)&sa, sizeof sa)));
    struct sockaddr_un peer;
    socklen_t pl = sizeof peer;
    int a = accept(s, (struct sockaddr *)&peer, &pl);
    printf("accept: %s, unnamed peer len %u\n", en(a), (unsigned)pl);
    struct sockaddr_un me;
    socklen_t ml = sizeof me;
    getsockname(s, (struct sockaddr *)&me, &ml);
    printf("getsockname: %s len %u\n", me.sun_path, (unsigned)ml);
    ml = 4;         /* too small: truncated, the full length reported */
    getsockname(s, (struct sockaddr *)&me, &ml);
    printf("getsockname with a short buffer: len %u\n", (unsigned)ml);
    write(c, "stream", 6);
    char buf[16] = { 0 };
    struct sockaddr_un from;
    socklen_t fl = sizeof from;
    ssize_t n = recvfrom(a, buf, sizeof buf, 0, (struct sockaddr *)&from, &fl);
    printf("recvfrom: %zd %s\n", n, buf);
    close(a);
    close(c);
    close(s);
    unlink(path);
    /* abstract namespace */
    s = socket(AF_UNIX, SOCK_DGRAM, 0);
    memset(&sa, 0, sizeof sa);
    sa.sun_family = AF_UNIX;
    memcpy(sa.sun_path, "\0rvemu-shim-abstract", 20);
    printf("abstract bind: %s\n", en(bind(s, (struct sockaddr *)&sa, (socklen_t)(sizeof(sa_family_t) + 20))));
    c = socket(AF_UNIX, SOCK_DGRAM, 0);
    n = sendto(c, "abs", 3, 0, (struct sockaddr *)&sa, (socklen_t)(sizeof(sa_family_t) + 20));
    struct pollfd p = { s, POLLIN, 0 };
    poll(&p, 1, 1000);
    n = recv(s, buf, sizeof buf, 0);
    printf("abstract datagram: %zd %.3s\n", n, buf);
    close(c);
    close(s);
}

int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    rights();
    datagrams();
    named();
    return 0;
}
