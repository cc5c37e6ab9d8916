/* The gdb stub: a GDB remote serial protocol server on one TCP connection. The guest thread
 * stops inside rv_gdb_block_entry() (called before every instruction while gdb is attached)
 * and serves packets there until gdb resumes it; breakpoints live in a table, never in memory. */
#include <errno.h>
#include <arpa/inet.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include "rv.h"
#include "debug/gdbstub.h"
#include "debug/log.h"
#include "interp/block.h"

#define PKT_MAX 4096            /* the PacketSize we announce: gdb never sends more */
#define MAX_BP 64
#define MAX_WP 8
#define WP_MAXLEN 64
#define POLL_EVERY 4096         /* instructions between Ctrl-C checks: a poll() is a syscall */

struct rv_gdb {
    int fd;
    int noack;
    int first;                  /* not yet stopped at the first instruction */
    int step;                   /* resumed with a single step */
    int skip;                   /* the run loop restarts (pc or code changed): let one pass */
    int dirty;                  /* pc or guest memory changed while stopped */
    int last_sig;               /* gdb signal number of the last stop, for '?' */
    unsigned polls;
    uint8_t rx[PKT_MAX];        /* received bytes not yet consumed */
    int rx_len, rx_pos;
    char pkt[PKT_MAX + 1];      /* the current packet's payload */
    char out[2 * PKT_MAX + 8];  /* a reply's payload, before framing */
    char last[2 * PKT_MAX + 16];/* the last framed packet, resent on '-' */
    int last_len;
    struct { uint64_t addr; int type; } bp[MAX_BP];
    int nbp;
    struct { uint64_t addr; int len; uint8_t old[WP_MAXLEN]; } wp[MAX_WP];
    int nwp;
    uint8_t auxv[64 * 16];      /* the guest's auxiliary vector, for qXfer:auxv:read */
    int auxv_len;
};

/* ---- the connection ---- */

static int rx_byte(struct rv_gdb *g)
{
    if (g->rx_pos == g->rx_len) {
        ssize_t n;
        do
            n = recv(g->fd, g->rx, sizeof g->rx, 0);
        while (n < 0 && errno == EINTR);
        if (n <= 0)
            return -1;
        g->rx_len = (int)n;
        g->rx_pos = 0;
    }
    return g->rx[g->rx_pos++];
}

static int tx(struct rv_gdb *g, const char *s, size_t n)
{
    while (n) {
        /* MSG_NOSIGNAL: a debugger that went away must not kill the guest with SIGPIPE */
        ssize_t k = send(g->fd, s, n, MSG_NOSIGNAL);
        if (k < 0 && errno == EINTR)
            continue;
        if (k <= 0)
            return -1;
        s += k;
        n -= (size_t)k;
    }
    return 0;
}

static int hexval(int c)
{
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}
static const char hexd[] = "0123456789abcdef";

/* Frames and sends payload p (n bytes); in ack mode waits for '+' and resends on '-'. */
static int put_packet(struct rv_gdb *g, const char *p, size_t n)
{
    unsigned sum = 0;
    if (n > sizeof g->last - 4)
        n = sizeof g->last - 4;
    g->last[0] = '$';
    memcpy(g->last + 1, p, n);
    for (size_t i = 0; i < n; i++)
        sum += (uint8_t)p[i];
    g->last[n + 1] = '#';
    g->last[n + 2] = hexd[(sum >> 4) & 15];
    g->last[n + 3] = hexd[sum & 15];
    g->last_len = (int)n + 4;
    for (int tries = 0; tries < 8; tries++) {
        if (tx(g, g->last, (size_t)g->last_len) < 0)
            return -1;
        if (g->noack)
            return 0;
        int c;
        while ((c = rx_byte(g)) >= 0 && c != '+' && c != '-')
            ;                   /* stray bytes (a late Ctrl-C) before the ack */
        if (c < 0)
            return -1;
        if (c == '+')
            return 0;
    }
    return -1;
}
static int put_str(struct rv_gdb *g, const char *s) { return put_packet(g, s, strlen(s)); }

/* Reads one packet into g->pkt (NUL-terminated): its length, or -1 when the connection is
 * gone. Bad checksums are nacked; oversized packets are dropped (never overflow pkt). */
static int get_packet(struct rv_gdb *g)
{
    for (;;) {
        int c = rx_byte(g);
        if (c < 0)
            return -1;
        if (c == '-' && g->last_len && !g->noack) {
            if (tx(g, g->last, (size_t)g->last_len) < 0)
                return -1;
            continue;
        }
        if (c != '$')
            continue;           /* acks, and Ctrl-C while already stopped */
        int n = 0, over = 0;
        unsigned sum = 0;
        while ((c = rx_byte(g)) >= 0 && c != '#') {
            sum += (unsigned)c;
            if (n < PKT_MAX)
                g->pkt[n++] = (char)c;
            else
                over = 1;
        }
        int h1 = rx_byte(g), h2 = h1 < 0 ? -1 : rx_byte(g);
        if (c < 0 || h2 < 0)
            return -1;
        int ok = !over && hexval(h1) >= 0 && hexval(h2) >= 0 &&
                 (unsigned)(hexval(h1) << 4 | hexval(h2)) == (sum & 0xff);
        if (!g->noack && tx(g, ok ? "+" : "-", 1) < 0)
            return -1;
        if (!ok && !g->noack)
            continue;
        if (over)
            n = 0;              /* an unusable packet: answered as unsupported */
        g->pkt[n] = 0;
        return n;
    }
}

/* Parses a hex number of at most 16 digits at *p; 0, or -1 if there is none. */
static int parse_hex(const char **p, uint64_t *v)
{
    const char *s = *p;
    uint64_t r = 0;
    int n = 0;
    while (hexval(*s) >= 0) {
        if (++n > 16)
            return -1;
        r = r << 4 | (uint64_t)hexval(*s++);
    }
    if (!n)
        return -1;
    *p = s;
    *v = r;
    return 0;
}

/* Decodes up to cap bytes of hex at s into out; the count, or -1 on a bad digit. */
static int unhex(const char *s, uint8_t *out, int cap)
{
    int n = 0;
    for (; s[0] && s[1] && n < cap; s += 2) {
        int a = hexval(s[0]), b = hexval(s[1]);
        if (a < 0 || b < 0)
            return -1;
        out[n++] = (uint8_t)(a << 4 | b);
    }
    return n;
}

static char *put_hex(char *o, const uint8_t *b, int n)
{
    for (int i = 0; i < n; i++) {
        *o++ = hexd[b[i] >> 4];
        *o++ = hexd[b[i] & 15];
    }
    *o = 0;
    return o;
}

/* ---- registers: gdb's riscv numbering (0-31 x, 32 pc, 33-64 f, 65 + csr number) ---- */

enum { REG_PC = 32, REG_F0 = 33, REG_FFLAGS = 66, REG_FRM = 67, REG_FCSR = 68, NREGS = 69 };

static int reg_get(const struct rv_cpu *cpu, int r, uint8_t *b)
{
    uint64_t v;
    int size = 8;
    if (r >= 0 && r < 32) v = r ? cpu->x[r] : 0;
    else if (r == REG_PC) v = cpu->pc;
    else if (r >= REG_F0 && r < REG_F0 + 32) v = cpu->f[r - REG_F0];
    else if (r == REG_FFLAGS) v = cpu->fflags, size = 4;
    else if (r == REG_FRM) v = cpu->frm, size = 4;
    else if (r == REG_FCSR) v = cpu->frm << 5 | cpu->fflags, size = 4;
    else return 0;
    for (int i = 0; i < size; i++)
        b[i] = (uint8_t)(v >> 8 * i);       /* the target is little-endian */
    return size;
}

/* Sets register r from n little-endian bytes; 0, or -1 when r or n is wrong. */
static int reg_set(struct rv_gdb *g, struct rv_cpu *cpu, int r, const uint8_t *b, int n)
{
    uint8_t tmp[8];
    int size = reg_get(cpu, r, tmp);
    if (!size || n != size)
        return -1;
    uint64_t v = 0;
    for (int i = 0; i < size; i++)
        v |= (uint64_t)b[i] << 8 * i;
    if (r > 0 && r < 32) cpu->x[r] = v;
    else if (r == REG_PC) { if (v != cpu->pc) g->dirty = 1; cpu->pc = v; }
    else if (r >= REG_F0 && r < REG_F0 + 32) cpu->f[r - REG_F0] = v;
    else if (r == REG_FFLAGS) cpu->fflags = (uint32_t)v & 31;
    else if (r == REG_FRM) cpu->frm = (uint32_t)v & 7;
    else if (r == REG_FCSR) { cpu->fflags = (uint32_t)v & 31; cpu->frm = (uint32_t)(v >> 5) & 7; }
    return 0;
}

/* The target description: gdb's own riscv features, with explicit numbers so that p/P and
 * the g packet (registers in number order, 65 absent) agree with gdb's riscv numbering. */
static char target_xml[8192];
static size_t target_xml_len;

static void build_target_xml(void)
{
    static const char *const xn[32] = {
        "zero", "ra", "sp", "gp", "tp", "t0", "t1", "t2", "fp", "s1", "a0", "a1", "a2", "a3",
        "a4", "a5", "a6", "a7", "s2", "s3", "s4", "s5", "s6", "s7", "s8", "s9", "s10", "s11",
        "t3", "t4", "t5", "t6" };
    static const char *const fn[32] = {
        "ft0", "ft1", "ft2", "ft3", "ft4", "ft5", "ft6", "ft7", "fs0", "fs1", "fa0", "fa1",
        "fa2", "fa3", "fa4", "fa5", "fa6", "fa7", "fs2", "fs3", "fs4", "fs5", "fs6", "fs7",
        "fs8", "fs9", "fs10", "fs11", "ft8", "ft9", "ft10", "ft11" };
    char *o = target_xml, *end = target_xml + sizeof target_xml;
#define ADD(...) (o += snprintf(o, (size_t)(end - o), __VA_ARGS__))
    ADD("<?xml version=\"1.0\"?><!DOCTYPE target SYSTEM \"gdb-target.dtd\"><target version=\"1.0\">"
        "<architecture>riscv:rv64</architecture><osabi>GNU/Linux</osabi>"
        "<feature name=\"org.gnu.gdb.riscv.cpu\">");
    for (int i = 0; i < 32; i++)
        ADD("<reg name=\"%s\" bitsize=\"64\" type=\"%s\" regnum=\"%d\"/>", xn[i],
            i == 1 ? "code_ptr" : i == 2 || i == 3 || i == 4 || i == 8 ? "data_ptr" : "int", i);
    ADD("<reg name=\"pc\" bitsize=\"64\" type=\"code_ptr\" regnum=\"32\"/></feature>"
        "<feature name=\"org.gnu.gdb.riscv.fpu\"><union id=\"riscv_double\">"
        "<field name=\"float\" type=\"ieee_single\"/><field name=\"double\" type=\"ieee_double\"/>"
        "</union>");
    for (int i = 0; i < 32; i++)
        ADD("<reg name=\"%s\" bitsize=\"64\" type=\"riscv_double\" regnum=\"%d\"/>", fn[i],
            REG_F0 + i);
    ADD("<reg name=\"fflags\" bitsize=\"32\" type=\"int\" regnum=\"66\" group=\"float\"/>"
        "<reg name=\"frm\" bitsize=\"32\" type=\"int\" regnum=\"67\" group=\"float\"/>"
        "<reg name=\"fcsr\" bitsize=\"32\" type=\"int\" regnum=\"68\" group=\"float\"/>"
        "</feature></target>");
#undef ADD
    target_xml_len = (size_t)(o - target_xml);
}

/* ---- stop state ---- */

/* Host signal to gdb's own signal numbers (they differ from Linux's above 9). */
static int gdb_signal(int sig)
{
    static const struct { int host, gdb; } map[] = {
        { SIGHUP, 1 }, { SIGINT, 2 }, { SIGQUIT, 3 }, { SIGILL, 4 }, { SIGTRAP, 5 },
        { SIGABRT, 6 }, { SIGFPE, 8 }, { SIGKILL, 9 }, { SIGBUS, 10 }, { SIGSEGV, 11 },
        { SIGSYS, 12 }, { SIGPIPE, 13 }, { SIGALRM, 14 }, { SIGTERM, 15 }, { SIGCHLD, 20 },
        { SIGXCPU, 24 }, { SIGXFSZ, 25 }, { SIGUSR1, 30 }, { SIGUSR2, 31 } };
    for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
        if (map[i].host == sig)
            return map[i].gdb;
    return 143;                 /* GDB_SIGNAL_UNKNOWN */
}

static int stop_reply(struct rv_gdb *g, const struct rv_cpu *cpu, int sig, const char *why)
{
    char s[96];
    g->last_sig = sig;
    snprintf(s, sizeof s, "T%02xthread:%x;%s", sig & 0xff, (unsigned)cpu->tid, why);
    return put_str(g, s);
}

/* The auxiliary vector sits above argv and envp on the initial stack. */
static void read_auxv(struct rv_gdb *g, struct rv_cpu *cpu)
{
    struct rv_mem *mem = &cpu->m->mem;
    uint64_t p = cpu->x[2], argc, v[2];
    if (rv_copy_from_guest(mem, &argc, p, 8) || argc > 1u << 20)
        return;
    p += 8 * (argc + 2);        /* argc, argv[], NULL */
    for (int i = 0; i < 1 << 16; i++, p += 8)
        if (rv_copy_from_guest(mem, v, p, 8) || !v[0])
            break;
    p += 8;
    for (g->auxv_len = 0; g->auxv_len + 16 <= (int)sizeof g->auxv; p += 16) {
        if (rv_copy_from_guest(mem, v, p, 16))
            break;
        memcpy(g->auxv + g->auxv_len, v, 16);
        g->auxv_len += 16;
        if (!v[0])
            break;
    }
}

static void free_gdb(struct rv_machine *m)
{
    struct rv_gdb *g = m->gdb;
    if (!g)
        return;
    if (g->fd >= 0)
        close(g->fd);
    free(g);
    m->gdb = NULL;
    /* the run loop goes back to the fast path unless -d logging wants every block */
    m->per_block = (m->log_mask & LOG_PER_BLOCK) != 0;
}

/* ---- commands ---- */

/* qXfer reply: 'm' or 'l' and the part [off, off+len) of doc, binary-escaped. */
static int xfer(struct rv_gdb *g, const char *args, const void *doc, size_t size)
{
    uint64_t off, len;
    if (parse_hex(&args, &off) || *args++ != ',' || parse_hex(&args, &len))
        return put_str(g, "E00");
    if (off >= size)
        return put_str(g, "l");
    if (len > PKT_MAX / 2)
        len = PKT_MAX / 2;
    if (len > size - off)
        len = size - off;
    char *o = g->out;
    *o++ = off + len < size ? 'm' : 'l';
    for (uint64_t i = 0; i < len; i++) {
        uint8_t c = ((const uint8_t *)doc)[off + i];
        if (c == '$' || c == '#' || c == '}' || c == '*') {
            *o++ = '}';
            c ^= 0x20;
        }
        *o++ = (char)c;
    }
    return put_packet(g, g->out, (size_t)(o - g->out));
}

static int query(struct rv_gdb *g, struct rv_cpu *cpu, const char *p)
{
    char s[64];
    if (!strncmp(p, "qSupported", 10))
        return put_str(g, "PacketSize=1000;QStartNoAckMode+;qXfer:features:read+;"
                          "qXfer:auxv:read+;swbreak+;hwbreak+;vContSupported+");
    if (!strcmp(p, "QStartNoAckMode")) {
        int r = put_str(g, "OK");   /* acked like any packet before the switch */
        g->noack = 1;
        return r;
    }
    if (!strncmp(p, "qXfer:features:read:target.xml:", 31))
        return xfer(g, p + 31, target_xml, target_xml_len);
    if (!strncmp(p, "qXfer:auxv:read::", 17))
        return xfer(g, p + 17, g->auxv, (size_t)g->auxv_len);
    if (!strncmp(p, "qXfer:", 6))
        return put_str(g, "E00");
    if (!strcmp(p, "qC"))
        return snprintf(s, sizeof s, "QC%x", (unsigned)cpu->tid), put_str(g, s);
    if (!strcmp(p, "qfThreadInfo"))
        return snprintf(s, sizeof s, "m%x", (unsigned)cpu->tid), put_str(g, s);
    if (!strcmp(p, "qsThreadInfo"))
        return put_str(g, "l");
    if (!strncmp(p, "qAttached", 9))
        return put_str(g, "1");     /* as QEMU: quitting gdb detaches, the program runs on */
    if (!strncmp(p, "qSymbol", 7))
        return put_str(g, "OK");
    return put_str(g, "");
}

/* A thread id in H, T and vCont: ours, 0 (any) or -1 (all). */
static int our_thread(const struct rv_cpu *cpu, const char *p)
{
    uint64_t t;
    if (!strcmp(p, "-1"))
        return 1;
    return !parse_hex(&p, &t) && !*p && (t == 0 || t == (uint64_t)(unsigned)cpu->tid);
}

/* m: reads what is readable, page by page; gdb accepts a short answer. */
static int read_mem(struct rv_gdb *g, struct rv_mem *mem, uint64_t a, uint64_t len)
{
    uint8_t buf[PKT_MAX / 2];
    uint64_t got = 0;
    if (len > sizeof buf)
        len = sizeof buf;
    while (got < len) {
        uint64_t n = RV_PAGE_SIZE - ((a + got) & RV_PAGE_MASK);
        if (n > len - got)
            n = len - got;
        if (rv_copy_from_guest(mem, buf + got, a + got, n))
            break;
        got += n;
    }
    if (!got && len)
        return put_str(g, "E14");
    put_hex(g->out, buf, (int)got);
    return put_str(g, g->out);
}

static int write_mem(struct rv_gdb *g, struct rv_machine *m, uint64_t a, const uint8_t *b, int n)
{
    if (n && rv_copy_to_guest(&m->mem, a, b, (size_t)n))
        return put_str(g, "E14");
    if (n) {
        rv_cache_flush(m->cache);   /* decoded blocks of the old bytes must go */
        g->dirty = 1;
    }
    return put_str(g, "OK");
}

static int breakpoint(struct rv_gdb *g, struct rv_cpu *cpu, const char *p, int insert)
{
    uint64_t type, addr, kind;
    p++;
    if (parse_hex(&p, &type) || *p++ != ',' || parse_hex(&p, &addr) || *p++ != ',' ||
        parse_hex(&p, &kind))
        return put_str(g, "E01");
    if (type <= 1) {
        for (int i = 0; i < g->nbp; i++)
            if (g->bp[i].addr == addr && g->bp[i].type == (int)type) {
                if (!insert)
                    g->bp[i] = g->bp[--g->nbp];
                return put_str(g, "OK");
            }
        if (!insert)
            return put_str(g, "OK");
        if (g->nbp == MAX_BP)
            return put_str(g, "E0c");
        g->bp[g->nbp].addr = addr;
        g->bp[g->nbp++].type = (int)type;
        return put_str(g, "OK");
    }
    if (type != 2)
        return put_str(g, "");      /* read and access watchpoints: not seen by the stub */
    for (int i = 0; i < g->nwp; i++)
        if (g->wp[i].addr == addr && g->wp[i].len == (int)kind) {
            if (!insert)
                g->wp[i] = g->wp[--g->nwp];
            return put_str(g, "OK");
        }
    if (!insert)
        return put_str(g, "OK");
    if (g->nwp == MAX_WP || kind == 0 || kind > WP_MAXLEN ||
        rv_copy_from_guest(&cpu->m->mem, g->wp[g->nwp].old, addr, kind))
        return put_str(g, "E0c");
    g->wp[g->nwp].addr = addr;
    g->wp[g->nwp++].len = (int)kind;
    return put_str(g, "OK");
}

/* Parses vCont actions: the first that applies to our thread decides. 1 step, 0 continue. */
static int vcont(const struct rv_cpu *cpu, const char *p)
{
    while (*p == ';') {
        char act = *++p;
        const char *t = strchr(p, ':'), *next = strchr(p, ';');
        if (!next)
            next = p + strlen(p);
        char tid[24] = "-1";
        if (t && t < next && (size_t)(next - t - 1) < sizeof tid) {
            memcpy(tid, t + 1, (size_t)(next - t - 1));
            tid[next - t - 1] = 0;
        }
        if (our_thread(cpu, tid) && (act == 's' || act == 'S' || act == 'c' || act == 'C'))
            return act == 's' || act == 'S';
        p = next;
    }
    return 0;
}

enum { SERVE_RESUME, SERVE_DETACHED };

/* Answers packets until gdb resumes the thread (g->step says how) or goes away. */
static int serve(struct rv_machine *m, struct rv_cpu *cpu)
{
    struct rv_gdb *g = m->gdb;
    uint8_t buf[PKT_MAX / 2];
    uint64_t a, n;
    for (;;) {
        int len = get_packet(g);
        if (len < 0)
            break;              /* connection lost: the program runs on without gdb */
        const char *p = g->pkt;
        int r = 0;
        switch (len ? p[0] : 0) {
        case '?':
            r = stop_reply(g, cpu, g->last_sig, "");
            break;
        case 'g': {
            char *o = g->out;
            for (int i = 0; i < NREGS; i++)
                o = put_hex(o, buf, reg_get(cpu, i, buf));
            r = put_str(g, g->out);
            break;
        }
        case 'G': {
            int k = unhex(p + 1, buf, sizeof buf), off = 0;
            for (int i = 0; k >= 0 && i < NREGS; i++) {
                uint8_t t[8];
                int size = reg_get(cpu, i, t);
                if (size && off + size <= k)
                    reg_set(g, cpu, i, buf + off, size);
                off += size;
            }
            r = put_str(g, k < 0 ? "E01" : "OK");
            break;
        }
        case 'p':
            p++;
            if (parse_hex(&p, &a) || a >= NREGS || !reg_get(cpu, (int)a, buf))
                r = put_str(g, "E45");
            else
                put_hex(g->out, buf, reg_get(cpu, (int)a, buf)), r = put_str(g, g->out);
            break;
        case 'P': {
            p++;
            int k = -1;
            if (!parse_hex(&p, &a) && *p++ == '=' && a < NREGS)
                k = unhex(p, buf, 8);
            r = put_str(g, k > 0 && !reg_set(g, cpu, (int)a, buf, k) ? "OK" : "E45");
            break;
        }
        case 'm':
            p++;
            if (parse_hex(&p, &a) || *p++ != ',' || parse_hex(&p, &n))
                r = put_str(g, "E01");
            else
                r = read_mem(g, &m->mem, a, n);
            break;
        case 'M': case 'X': {
            char cmd = *p++;
            int k = -1;
            if (!parse_hex(&p, &a) && *p++ == ',' && !parse_hex(&p, &n) && *p++ == ':' &&
                n <= sizeof buf) {
                if (cmd == 'M') {
                    k = unhex(p, buf, (int)n);
                } else {        /* binary, '}' escapes the next byte */
                    const char *e = g->pkt + len;
                    for (k = 0; p < e && k < (int)n; k++)
                        buf[k] = *p == '}' && p + 1 < e ? (uint8_t)(*++p ^ 0x20) : (uint8_t)*p,
                        p++;
                }
            }
            r = k < 0 || (uint64_t)k != n ? put_str(g, "E01") : write_mem(g, m, a, buf, k);
            break;
        }
        case 'c': case 's': case 'C': case 'S': {
            char cmd = p[0];
            p++;
            if (cmd == 'C' || cmd == 'S') { /* the signal is dropped: none is pending here */
                p = strchr(p, ';');
                p = p ? p + 1 : "";
            }
            if (*p && !parse_hex(&p, &a) && a != cpu->pc) {
                cpu->pc = a;
                g->dirty = 1;
            }
            g->step = cmd == 's' || cmd == 'S';
            return SERVE_RESUME;
        }
        case 'v':
            if (!strncmp(p, "vCont?", 6)) {
                r = put_str(g, "vCont;c;C;s;S");
            } else if (!strncmp(p, "vCont;", 6)) {
                g->step = vcont(cpu, p + 5);
                return SERVE_RESUME;
            } else if (!strncmp(p, "vKill", 5)) {
                put_str(g, "OK");
                goto kill;
            } else {
                r = put_str(g, "");
            }
            break;
        case 'H':
            r = put_str(g, len >= 2 && our_thread(cpu, p + 2) ? "OK" : "E01");
            break;
        case 'T':
            r = put_str(g, our_thread(cpu, p + 1) ? "OK" : "E01");
            break;
        case 'Z': case 'z':
            r = breakpoint(g, cpu, p, p[0] == 'Z');
            break;
        case 'D':
            put_str(g, "OK");
            free_gdb(m);
            return SERVE_DETACHED;
        case 'k':
            goto kill;
        case 'q': case 'Q':
            r = query(g, cpu, p);
            break;
        default:
            r = put_str(g, "");     /* unsupported, as the protocol wants */
        }
        if (r < 0)
            break;
    }
    free_gdb(m);
    return SERVE_DETACHED;
kill:
    fflush(NULL);
    free_gdb(m);
    _exit(137);                 /* as if killed by SIGKILL, at once */
}

/* After a stop: makes the run loop look the pc up again if gdb changed it or the code. */
static void resume(struct rv_machine *m, struct rv_cpu *cpu)
{
    struct rv_gdb *g = m->gdb;
    if (!g)
        return;
    if (g->dirty) {
        cpu->pending = 1;
        g->skip = 1;
        g->dirty = 0;
    }
    for (int i = 0; i < g->nwp; i++)    /* gdb may have written watched memory */
        rv_copy_from_guest(&m->mem, g->wp[i].old, g->wp[i].addr, (size_t)g->wp[i].len);
}

/* 1 when gdb sent Ctrl-C (0x03); a closed connection detaches. Called every POLL_EVERY. */
static int interrupted(struct rv_machine *m)
{
    struct rv_gdb *g = m->gdb;
    struct pollfd pfd = { g->fd, POLLIN, 0 };
    while (g->rx_pos < g->rx_len)
        if (g->rx[g->rx_pos++] == 3)
            return 1;
    if (poll(&pfd, 1, 0) <= 0)
        return 0;
    ssize_t k = recv(g->fd, g->rx, sizeof g->rx, MSG_DONTWAIT);
    if (k == 0 || (k < 0 && errno != EAGAIN && errno != EINTR)) {
        free_gdb(m);
        return 0;
    }
    g->rx_pos = 0;
    g->rx_len = k > 0 ? (int)k : 0;
    while (g->rx_pos < g->rx_len)
        if (g->rx[g->rx_pos++] == 3)
            return 1;
    return 0;
}

void rv_gdb_block_entry(struct rv_cpu *cpu)
{
    struct rv_machine *m = cpu->m;
    struct rv_gdb *g = m->gdb;
    char why[48] = "";
    int sig = 5;
    if (!g)
        return;
    if (g->skip) {
        g->skip = 0;
        return;
    }
    if (g->first) {             /* gdb connected at start: stopped before the entry point */
        g->first = 0;
        read_auxv(g, cpu);
        if (serve(m, cpu) == SERVE_RESUME)
            resume(m, cpu);
        return;
    }
    if (!g->step) {
        int hit = 0;
        for (int i = 0; i < g->nbp && !hit; i++)
            if (g->bp[i].addr == cpu->pc)
                hit = 1, snprintf(why, sizeof why, "%s", g->bp[i].type ? "hwbreak:;" : "swbreak:;");
        for (int i = 0; i < g->nwp && !hit; i++) {
            uint8_t now[WP_MAXLEN];
            if (!rv_copy_from_guest(&m->mem, now, g->wp[i].addr, (size_t)g->wp[i].len) &&
                memcmp(now, g->wp[i].old, (size_t)g->wp[i].len))
                hit = 1, snprintf(why, sizeof why, "watch:%llx;",
                                  (unsigned long long)g->wp[i].addr);
        }
        if (!hit && ++g->polls % POLL_EVERY == 0) {
            hit = interrupted(m);
            sig = 2;            /* SIGINT, as gdb expects for Ctrl-C */
            if (!m->gdb)
                return;
        }
        if (!hit)
            return;
    }
    g->step = 0;
    if (stop_reply(g, cpu, sig, why) < 0 || serve(m, cpu) == SERVE_DETACHED) {
        free_gdb(m);
        return;
    }
    resume(m, cpu);
}

void rv_gdb_fault(struct rv_cpu *cpu)
{
    struct rv_machine *m = cpu->m;
    struct rv_gdb *g = m->gdb;
    if (!g)
        return;
    int sig = gdb_signal(cpu->sig);
    g->step = 0;
    if (stop_reply(g, cpu, sig, "") < 0 || serve(m, cpu) == SERVE_DETACHED) {
        free_gdb(m);
        return;
    }
    /* continuing cannot undo the fault: the process dies of it, and gdb hears so */
    char s[8];
    snprintf(s, sizeof s, "X%02x", sig);
    put_str(m->gdb, s);
    free_gdb(m);
}

void rv_gdb_exit(struct rv_machine *m, int status)
{
    char s[8];
    if (!m->gdb)
        return;
    snprintf(s, sizeof s, "W%02x", status & 0xff);
    put_str(m->gdb, s);
    free_gdb(m);
}

void rv_gdb_close(struct rv_machine *m)
{
    free_gdb(m);
}

int rv_gdb_start(struct rv_machine *m, const char *port)
{
    /* numeric addresses only: a static rvemu cannot use the resolver (NSS) */
    char host[64] = "127.0.0.1";    /* never all interfaces unless asked for */
    const char *colon = strrchr(port, ':'), *svc = colon ? colon + 1 : port;
    if (colon && colon > port) {
        size_t hl = (size_t)(colon - port);
        if (port[0] == '[' && colon[-1] == ']')
            port++, hl -= 2;    /* [::1]:1234 */
        snprintf(host, sizeof host, "%.*s", (int)hl, port);
        if (!strcmp(host, "localhost"))
            strcpy(host, "127.0.0.1");
    }
    char *end;
    long pn = strtol(svc, &end, 10);
    struct sockaddr_in6 s6 = { .sin6_family = AF_INET6 };
    struct sockaddr_in s4 = { .sin_family = AF_INET };
    int v6 = inet_pton(AF_INET6, host, &s6.sin6_addr) == 1;
    if (!*svc || *end || pn < 0 || pn > 65535 || (!v6 && inet_pton(AF_INET, host, &s4.sin_addr) != 1)) {
        fprintf(stderr, "rvemu: -g %s: not a port (number, or address:number)\n", port);
        return -1;
    }
    s6.sin6_port = s4.sin_port = htons((uint16_t)pn);
    int lfd = socket(v6 ? AF_INET6 : AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0), one = 1;
    if (lfd >= 0)
        setsockopt(lfd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    if (lfd < 0 || bind(lfd, v6 ? (struct sockaddr *)&s6 : (struct sockaddr *)&s4,
                        v6 ? sizeof s6 : sizeof s4) || listen(lfd, 1)) {
        fprintf(stderr, "rvemu: -g %s: cannot listen: %s\n", port, strerror(errno));
        if (lfd >= 0)
            close(lfd);
        return -1;
    }
    struct sockaddr_storage sa;
    socklen_t sl = sizeof sa;
    if (!getsockname(lfd, (struct sockaddr *)&sa, &sl))   /* port 0: the kernel's choice */
        pn = ntohs(sa.ss_family == AF_INET6 ? ((struct sockaddr_in6 *)&sa)->sin6_port
                                            : ((struct sockaddr_in *)&sa)->sin_port);
    fprintf(stderr, "rvemu: waiting for gdb on port %ld\n", pn);
    int fd;
    do
        fd = accept4(lfd, NULL, NULL, SOCK_CLOEXEC);
    while (fd < 0 && errno == EINTR);
    close(lfd);
    if (fd < 0) {
        fprintf(stderr, "rvemu: -g %s: accept: %s\n", port, strerror(errno));
        return -1;
    }
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);  /* packets are tiny */
    struct rv_gdb *g = calloc(1, sizeof *g);
    if (!g) {
        close(fd);
        return -1;
    }
    g->fd = fd;
    g->first = 1;
    g->last_sig = 5;
    if (!target_xml_len)
        build_target_xml();
    m->gdb = g;
    return 0;
}
