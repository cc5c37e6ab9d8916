/* Terminals. Without arguments: stdio is not a terminal here (ENOTTY), then a pseudo-terminal
 * pair made by the program itself (posix_openpt, grantpt, unlockpt, ptsname, TIOCGPTN): window
 * size set on the master and read on the slave, termios read, made raw and restored with each
 * of TCSANOW/TCSADRAIN/TCSAFLUSH, output processing (\n -> \r\n) on and off, FIONREAD,
 * FIONBIO, and a new session taking the slave as its controlling terminal (TIOCSCTTY,
 * tcgetpgrp/tcsetpgrp). With "stdin" (t/guest/shim_tty_pty.sh runs it under a
 * pseudo-terminal): isatty, the window size and termios of the terminal on stdin. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>

static const char *en(long r)
{
    if (r >= 0)
        return "ok";
    switch (errno) {
    case ENOTTY: return "ENOTTY";
    case EINVAL: return "EINVAL";
    case EPERM: return "EPERM";
    case EIO: return "EIO";
    case EAGAIN: return "EAGAIN";
    default: return strerror(errno);
    }
}

/* reads what is available on fd within a short time */
static int drain(int fd, char *buf, int cap)
{
    int n = 0;
    struct pollfd p = { fd, POLLIN, 0 };
    while (n < cap - 1 && poll(&p, 1, n ? 50 : 1000) > 0) {
        ssize_t r = read(fd, buf + n, (size_t)(cap - 1 - n));
        if (r <= 0)
            break;
        n += (int)r;
    }
    buf[n] = 0;
    return n;
}

static void show(const char *what, const char *s)
{
    printf("%s: \"", what);
    for (; *s; s++)
        printf(*s == '\r' ? "\\r" : *s == '\n' ? "\\n" : "%c", *s);
    printf("\"\n");
}

static void not_a_tty(void)
{
    struct termios t;
    struct winsize ws;
    printf("isatty(0) %d isatty(1) %d\n", isatty(0), isatty(1));
    printf("tcgetattr(0): %s\n", en(tcgetattr(0, &t)));
    printf("TIOCGWINSZ(1): %s\n", en(ioctl(1, TIOCGWINSZ, &ws)));
    int n;
    printf("FIONREAD on /dev/null: %s\n", en(ioctl(0, FIONREAD, &n)));
}

static void pty(void)
{
    int m = posix_openpt(O_RDWR | O_NOCTTY);
    printf("posix_openpt: %s\n", en(m));
    printf("grantpt %s unlockpt %s\n", en(grantpt(m)), en(unlockpt(m)));
    unsigned ptn = 9999;
    printf("TIOCGPTN: %s\n", en(ioctl(m, TIOCGPTN, &ptn)));
    const char *name = ptsname(m);
    char want[32];
    snprintf(want, sizeof want, "/dev/pts/%u", ptn);
    printf("ptsname matches TIOCGPTN: %d\n", name && strcmp(name, want) == 0);
    int s = open(name, O_RDWR | O_NOCTTY);
    printf("open slave: %s, isatty %d, ttyname matches %d\n", en(s), isatty(s), ttyname(s) && strcmp(ttyname(s), name) == 0);

    struct winsize ws = { .ws_row = 33, .ws_col = 101, .ws_xpixel = 7, .ws_ypixel = 9 }, got;
    printf("TIOCSWINSZ on master: %s\n", en(ioctl(m, TIOCSWINSZ, &ws)));
    memset(&got, 0, sizeof got);
    printf("TIOCGWINSZ on slave: %s %ux%u pixels %ux%u\n", en(ioctl(s, TIOCGWINSZ, &got)), got.ws_row, got.ws_col,
           got.ws_xpixel, got.ws_ypixel);

    struct termios t, raw, back;
    printf("tcgetattr: %s ICANON %d ECHO %d OPOST %d ONLCR %d VMIN %d\n", en(tcgetattr(s, &t)), !!(t.c_lflag & ICANON),
           !!(t.c_lflag & ECHO), !!(t.c_oflag & OPOST), !!(t.c_oflag & ONLCR), t.c_cc[VMIN]);
    printf("speed: %d\n", cfgetospeed(&t) == B38400 || cfgetospeed(&t) == B9600);
    t.c_lflag &= ~(tcflag_t)ECHO;
    tcsetattr(s, TCSANOW, &t);
    char buf[128];
    write(s, "line one\n", 9);
    drain(m, buf, sizeof buf);
    show("cooked output", buf);
    write(m, "typed\n", 6);
    struct pollfd ps = { s, POLLIN, 0 };
    poll(&ps, 1, 1000);
    int avail = -1;
    printf("FIONREAD on slave: %s %d\n", en(ioctl(s, FIONREAD, &avail)), avail);
    ssize_t k = read(s, buf, sizeof buf - 1);
    buf[k > 0 ? k : 0] = 0;
    show("canonical read", buf);

    raw = t;
    cfmakeraw(&raw);
    printf("TCSANOW raw: %s\n", en(tcsetattr(s, TCSANOW, &raw)));
    tcgetattr(s, &back);
    printf("raw now: ICANON %d OPOST %d\n", !!(back.c_lflag & ICANON), !!(back.c_oflag & OPOST));
    write(s, "raw\n", 4);
    drain(m, buf, sizeof buf);
    show("raw output", buf);
    write(m, "x", 1);
    poll(&ps, 1, 1000);
    k = read(s, buf, sizeof buf - 1);
    buf[k > 0 ? k : 0] = 0;
    show("raw read of one byte", buf);
    printf("TCSADRAIN: %s\n", en(tcsetattr(s, TCSADRAIN, &t)));
    printf("TCSAFLUSH: %s\n", en(tcsetattr(s, TCSAFLUSH, &t)));
    tcgetattr(s, &back);
    printf("restored: ICANON %d OPOST %d\n", !!(back.c_lflag & ICANON), !!(back.c_oflag & OPOST));
    printf("tcflush: %s tcdrain: %s\n", en(tcflush(s, TCIOFLUSH)), en(tcdrain(s)));

    int on = 1;
    printf("FIONBIO on master: %s\n", en(ioctl(m, FIONBIO, &on)));
    k = read(m, buf, sizeof buf);
    printf("non-blocking read of the empty master: %s\n", en(k));

    printf("tcgetpgrp before a controlling terminal: %s\n", en(tcgetpgrp(s)));
    pid_t sid = setsid();
    printf("setsid: %d\n", sid == getpid() || errno == EPERM);
    printf("TIOCSCTTY: %s\n", en(ioctl(s, TIOCSCTTY, 0)));
    printf("tcgetpgrp is our group: %d\n", tcgetpgrp(s) == getpgrp());
    printf("tcsetpgrp: %s\n", en(tcsetpgrp(s, getpgrp())));
    /* closing the master would hang up our controlling terminal (SIGHUP): exit closes both */
}

static void on_stdin(void)
{
    struct winsize ws;
    struct termios t;
    printf("isatty: stdin %d stdout %d\n", isatty(0), isatty(1));
    printf("TIOCGWINSZ: %s", en(ioctl(0, TIOCGWINSZ, &ws)));
    printf(" %u rows %u columns\n", ws.ws_row, ws.ws_col);
    printf("tcgetattr: %s ICANON %d\n", en(tcgetattr(0, &t)), !!(t.c_lflag & ICANON));
    printf("controlling terminal: %d\n", tcgetpgrp(0) == getpgrp());
    const char *n = ttyname(0);
    printf("ttyname: %s\n", n && strncmp(n, "/dev/pts/", 9) == 0 ? "/dev/pts/N" : n ? n : "none");
}

int main(int argc, char **argv)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    if (argc > 1 && strcmp(argv[1], "stdin") == 0) {
        on_stdin();
        return 0;
    }
    not_a_tty();
    pty();
    return 0;
}
