/* Case 7: the network: TCP to a listener on 127.0.0.1 (argv[1]: its port), netlink, packet
 * sockets, and an AF_UNIX connect to a host socket (argv[2]). socketpair stays usable. */
#include "hostile.h"
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <sys/un.h>

int main(int argc, char **argv)
{
    if (argc < 3)
        return 2;
    int s = (int)TRY("socket inet", syscall(SYS_socket, AF_INET, SOCK_STREAM, 0));
    if (s >= 0) {
        struct sockaddr_in a = { .sin_family = AF_INET, .sin_port = htons(atoi(argv[1])) };
        a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        TRY("connect inet", syscall(SYS_connect, s, &a, sizeof a));
    }
    TRY("socket inet6", syscall(SYS_socket, AF_INET6, SOCK_DGRAM, 0));
    TRY("socket netlink", syscall(SYS_socket, AF_NETLINK, SOCK_RAW, 0));
    TRY("socket packet", syscall(SYS_socket, 17 /* AF_PACKET */, SOCK_RAW, 0));
    int u = (int)TRY("socket unix", syscall(SYS_socket, AF_UNIX, SOCK_STREAM, 0));
    if (u >= 0) {
        struct sockaddr_un a = { .sun_family = AF_UNIX };
        snprintf(a.sun_path, sizeof a.sun_path, "%s", argv[2]);
        TRY("connect unix", syscall(SYS_connect, u, &a, sizeof a));
    }
    int sv[2];
    TRY("socketpair unix", syscall(SYS_socketpair, AF_UNIX, SOCK_STREAM, 0, sv));
    TRY("socketpair inet", syscall(SYS_socketpair, AF_INET, SOCK_STREAM, 0, sv));
    return 0;
}
