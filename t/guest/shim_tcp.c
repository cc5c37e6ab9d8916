/* TCP over loopback. With no arguments: a listening socket, a client and the accepted
 * connection in one process, driven by poll with non-blocking sockets. "server PORTFILE":
 * listen on 127.0.0.1 port 0, write the port to PORTFILE, echo one connection until EOF.
 * "client PORT": connect, send lines, print the echoes (t/guest/shim_tcp_pair.sh runs both). */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

static void die(const char *what)
{
    printf("%s: %s\n", what, strerror(errno));
    exit(1);
}

static int listener(int *port)
{
    int s = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (s < 0)
        die("socket");
    int one = 1;
    if (setsockopt(s, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one) != 0)
        die("setsockopt SO_REUSEADDR");
    struct sockaddr_in sa = { .sin_family = AF_INET, .sin_port = 0 };
    sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (bind(s, (struct sockaddr *)&sa, sizeof sa) != 0)
        die("bind");
    if (listen(s, 4) != 0)
        die("listen");
    socklen_t len = sizeof sa;
    if (getsockname(s, (struct sockaddr *)&sa, &len) != 0)
        die("getsockname");
    printf("listening: family ok %d, addr %s, len %u, port>0 %d\n", sa.sin_family == AF_INET,
           inet_ntoa(sa.sin_addr), (unsigned)len, ntohs(sa.sin_port) > 0);
    *port = ntohs(sa.sin_port);
    return s;
}

static int connect_to(int port, int nonblock)
{
    int c = socket(AF_INET, SOCK_STREAM | (nonblock ? SOCK_NONBLOCK : 0), 0);
    if (c < 0)
        die("socket");
    struct sockaddr_in sa = { .sin_family = AF_INET, .sin_port = htons((uint16_t)port) };
    sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    int r = connect(c, (struct sockaddr *)&sa, sizeof sa);
    if (r != 0 && !(nonblock && errno == EINPROGRESS))
        die("connect");
    return c;
}

static void options(int c)
{
    int one = 1, v = 0;
    socklen_t l = sizeof v;
    setsockopt(c, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    getsockopt(c, IPPROTO_TCP, TCP_NODELAY, &v, &l);
    printf("TCP_NODELAY %d len %u\n", v != 0, (unsigned)l);
    int sz = 65536;
    setsockopt(c, SOL_SOCKET, SO_SNDBUF, &sz, sizeof sz);
    l = sizeof v;
    getsockopt(c, SOL_SOCKET, SO_SNDBUF, &v, &l);
    printf("SO_SNDBUF doubled: %d\n", v >= 2 * sz);
    l = sizeof v;
    getsockopt(c, SOL_SOCKET, SO_TYPE, &v, &l);
    printf("SO_TYPE stream: %d\n", v == SOCK_STREAM);
    struct linger lg = { 1, 5 }, lg2;
    setsockopt(c, SOL_SOCKET, SO_LINGER, &lg, sizeof lg);
    l = sizeof lg2;
    getsockopt(c, SOL_SOCKET, SO_LINGER, &lg2, &l);
    printf("SO_LINGER %d %d len %u\n", lg2.l_onoff != 0, lg2.l_linger, (unsigned)l);
    struct timeval tv = { 0, 250000 }, tv2;
    setsockopt(c, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    l = sizeof tv2;
    getsockopt(c, SOL_SOCKET, SO_RCVTIMEO, &tv2, &l);
    long us = (long)tv2.tv_sec * 1000000 + (long)tv2.tv_usec;   /* rounded to host ticks */
    printf("SO_RCVTIMEO about 250 ms: %d len %u\n", us >= 240000 && us <= 260000, (unsigned)l);
}

static void client(int c)
{
    static const char *msgs[] = { "hello", "echo over loopback", "third line", NULL };
    options(c);
    for (int i = 0; msgs[i]; i++) {
        char buf[256];
        size_t n = strlen(msgs[i]);
        if (send(c, msgs[i], n, MSG_NOSIGNAL) != (ssize_t)n)
            die("send");
        size_t got = 0;
        while (got < n) {
            ssize_t r = recv(c, buf + got, sizeof buf - 1 - got, 0);
            if (r <= 0)
                die("recv");
            got += (size_t)r;
        }
        buf[got] = 0;
        printf("echo %d: %s\n", i, buf);
    }
    struct sockaddr_in peer;
    socklen_t l = sizeof peer;
    getpeername(c, (struct sockaddr *)&peer, &l);
    printf("peer %s\n", inet_ntoa(peer.sin_addr));
    shutdown(c, SHUT_WR);
    char b;
    printf("after shutdown: recv %zd\n", recv(c, &b, 1, 0));
    close(c);
}

static void echo(int a)
{
    char buf[512];
    ssize_t n;
    while ((n = recv(a, buf, sizeof buf, 0)) > 0)
        if (send(a, buf, (size_t)n, MSG_NOSIGNAL) != n)
            die("send");
    close(a);
}

static void one_process(void)
{
    int port, s = listener(&port);
    int c = connect_to(port, 1);
    struct pollfd p = { .fd = s, .events = POLLIN };
    printf("poll listener: %d revents %#x\n", poll(&p, 1, 2000), p.revents);
    struct sockaddr_in from;
    socklen_t fl = sizeof from;
    int a = accept4(s, (struct sockaddr *)&from, &fl, SOCK_NONBLOCK | SOCK_CLOEXEC);
    if (a < 0)
        die("accept4");
    printf("accepted from %s, cloexec %d, nonblock %d\n", inet_ntoa(from.sin_addr),
           (fcntl(a, F_GETFD) & FD_CLOEXEC) != 0, (fcntl(a, F_GETFL) & O_NONBLOCK) != 0);
    p.fd = c;
    p.events = POLLOUT;
    printf("poll connect: %d revents %#x\n", poll(&p, 1, 2000), p.revents);
    int err = -1;
    socklen_t el = sizeof err;
    getsockopt(c, SOL_SOCKET, SO_ERROR, &err, &el);
    printf("SO_ERROR %d\n", err);
    char buf[64];
    printf("recv on empty non-blocking socket: %zd %s\n", recv(a, buf, sizeof buf, 0),
           errno == EAGAIN ? "EAGAIN" : "?");
    const char *msg = "ping through one process";
    send(c, msg, strlen(msg), 0);
    p.fd = a;
    p.events = POLLIN;
    poll(&p, 1, 2000);
    ssize_t n = recv(a, buf, sizeof buf - 1, MSG_PEEK);
    buf[n > 0 ? n : 0] = 0;
    printf("peeked %zd: %s\n", n, buf);
    n = recv(a, buf, sizeof buf - 1, 0);
    buf[n > 0 ? n : 0] = 0;
    printf("received %zd: %s\n", n, buf);
    close(c);
    poll(&p, 1, 2000);
    printf("after close: recv %zd\n", recv(a, buf, sizeof buf, 0));
    close(a);
    close(s);
}

int main(int argc, char **argv)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    if (argc == 1) {
        one_process();
    } else if (argc == 3 && strcmp(argv[1], "server") == 0) {
        int port, s = listener(&port);
        char tmp[4096];
        snprintf(tmp, sizeof tmp, "%s.tmp", argv[2]);
        FILE *f = fopen(tmp, "w");
        if (!f)
            die("fopen");
        fprintf(f, "%d\n", port);
        fclose(f);
        rename(tmp, argv[2]);
        struct sockaddr_in from;
        socklen_t fl = sizeof from;
        int a = accept(s, (struct sockaddr *)&from, &fl);
        if (a < 0)
            die("accept");
        printf("server: connection from %s\n", inet_ntoa(from.sin_addr));
        echo(a);
        printf("server: done\n");
        close(s);
    } else if (argc == 3 && strcmp(argv[1], "client") == 0) {
        client(connect_to(atoi(argv[2]), 0));
    } else {
        fprintf(stderr, "usage: shim_tcp [server PORTFILE | client PORT]\n");
        return 2;
    }
    return 0;
}
