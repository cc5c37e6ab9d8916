/* The gdb stub: a GDB remote serial protocol server on one TCP connection. A guest thread
 * stops inside rv_gdb_block_entry() (called before every instruction while gdb is attached)
 * and serves packets there until gdb resumes it; breakpoints live in a table, never in memory. */
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include "rv.h"
#include "debug/gdbstub.h"
#include "debug/disasm.h"
#include "debug/log.h"
#include "decode/decode.h"
#include "interp/block.h"
#include "linux/process.h"

#define PKT_MAX 4096            /* the PacketSize we announce: gdb never sends more */
#define MAX_BP 64
#define WP_MAXLEN 64
#define POLL_EVERY 4096         /* instructions between Ctrl-C checks: poll() is a syscall */

struct rv_gdb {
    int fd, noack;
    int first;                  /* not yet stopped at the first instruction */
    int dirty;                  /* pc or guest memory changed while stopped */
    int last_sig;               /* gdb signal number of the last stop, for '?' */
    unsigned polls;
    uint64_t sel_tid;           /* Hg: the thread g/G/p/P work on; 0 the stopped one */
    struct rv_cpu *step;        /* the thread resumed with a single step */
    int resume_sig;             /* the signal gdb resumed the stopped thread with (C, S) */
    struct rv_cpu *resumed;     /* the thread gdb resumed, at resumed_pc with that instret */
    uint64_t resumed_pc, resumed_instret;
    struct { uint64_t addr; int type, len; uint8_t old[WP_MAXLEN]; } bp[MAX_BP];
    int nbp, nwp;               /* Z types 0, 1 break; 2, 3, 4 watch (nwp of them) */
    uint8_t auxv[64 * 16];      /* the guest's auxiliary vector, for qXfer:auxv:read */
    int auxv_len;
    int rx_len, rx_pos;
    uint8_t rx[PKT_MAX];        /* received bytes not yet consumed */
    char pkt[PKT_MAX + 1];      /* the current packet's payload */
    char out[2 * PKT_MAX + 8];  /* a reply's payload */
    char frame[2 * PKT_MAX + 16];
};

/* Every thread enters the stub under this lock, so while one is stopped serving gdb the
 * others wait at their next instruction: gdb's all-stop mode. */
static pthread_mutex_t gdb_lock = PTHREAD_MUTEX_INITIALIZER;
static struct rv_machine *gdb_machine;     /* for the fork handler */

/* ---- the connection ---- */

static int rx_byte(struct rv_gdb *g)
{
    while (g->rx_pos == g->rx_len) {
        ssize_t n = recv(g->fd, g->rx, sizeof g->rx, 0);
        if (n <= 0 && !(n < 0 && errno == EINTR))   /* host signals interrupt recv */
            return -1;
        g->rx_len = n > 0 ? (int)n : 0;
        g->rx_pos = 0;
    }
    return g->rx[g->rx_pos++];
}

static int hexval(int c)
{
    return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 :
           c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}
static const char hexd[] = "0123456789abcdef";

/* Frames and sends n bytes of payload; in ack mode waits for '+' and resends on '-'. */
static int put_packet(struct rv_gdb *g, const char *p, size_t n)
{
    unsigned sum = 0;
    if (n > sizeof g->frame - 4)
        n = sizeof g->frame - 4;
    for (size_t i = 0; i < n; i++)
        sum += (uint8_t)p[i];
    g->frame[0] = '$';
    memcpy(g->frame + 1, p, n);
    snprintf(g->frame + n + 1, 4, "#%02x", sum & 0xff);
    for (int tries = 0; tries < 8; tries++) {
        for (size_t done = 0; done < n + 4;) {
            /* MSG_NOSIGNAL: a debugger that went away must not kill the guest with SIGPIPE */
            ssize_t k = send(g->fd, g->frame + done, n + 4 - done, MSG_NOSIGNAL);
            if (k <= 0 && !(k < 0 && errno == EINTR))
                return -1;
            done += k > 0 ? (size_t)k : 0;
        }
        if (g->noack)
            return 0;
        int c;
        while ((c = rx_byte(g)) >= 0 && c != '+' && c != '-')
            ;                   /* stray bytes (a late Ctrl-C) before the ack */
        if (c != '-')
            return c < 0 ? -1 : 0;
    }
    return -1;
}
static int put_str(struct rv_gdb *g, const char *s) { return put_packet(g, s, strlen(s)); }

/* Reads one packet into g->pkt (NUL-terminated): its length, or -1 when the connection is
 * gone. Bad checksums are nacked; oversized packets become empty (unsupported) ones. */
static int get_packet(struct rv_gdb *g)
{
    for (;;) {
        int c, n = 0, over = 0;
        unsigned sum = 0;
        while ((c = rx_byte(g)) != '$')
            if (c < 0)
                return -1;     /* acks, and a Ctrl-C while already stopped, are skipped */
        while ((c = rx_byte(g)) >= 0 && c != '#') {
            sum += (unsigned)c;
            if (n < PKT_MAX)
                g->pkt[n++] = (char)c;
            else
                over = 1;
        }
        int h1 = c < 0 ? -1 : hexval(rx_byte(g)), h2 = h1 < 0 ? -1 : hexval(rx_byte(g));
        if (c < 0)
            return -1;
        int ok = h2 >= 0 && (unsigned)(h1 << 4 | h2) == (sum & 0xff);
        if (!g->noack && send(g->fd, ok ? "+" : "-", 1, MSG_NOSIGNAL) != 1)
            return -1;
        if (ok || g->noack) {
            n = over ? 0 : n;
            g->pkt[n] = 0;
            return n;
        }
    }
}

/* Parses a hex number of at most 16 digits at *p, advancing it; 0, or -1 if there is none. */
static int parse_hex(const char **p, uint64_t *v)
{
    const char *s = *p;
    uint64_t r = 0;
    for (; hexval(*s) >= 0; s++) {
        if (s - *p == 16)
            return -1;
        r = r << 4 | (uint64_t)hexval(*s);
    }
    if (s == *p)
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

/* GDB_ prefixed: a riscv64 host's <sys/ucontext.h> (through <signal.h>) defines REG_PC etc. */
enum {
    GDB_REG_PC = 32, GDB_REG_F0 = 33, GDB_REG_FFLAGS = 66, GDB_REG_FRM = 67, GDB_REG_FCSR = 68,
    GDB_NREGS = 69
};

/* Register r as little-endian bytes into b: its size, or 0 when there is no such register. */
static int reg_get(const struct rv_cpu *cpu, int r, uint8_t *b)
{
    uint64_t v;
    int size = 8;
    if (r >= 0 && r < 32) v = r ? cpu->x[r] : 0;
    else if (r == GDB_REG_PC) v = cpu->pc;
    else if (r >= GDB_REG_F0 && r < GDB_REG_F0 + 32) v = cpu->f[r - GDB_REG_F0];
    else if (r == GDB_REG_FFLAGS) v = cpu->fflags, size = 4;
    else if (r == GDB_REG_FRM) v = cpu->frm, size = 4;
    else if (r == GDB_REG_FCSR) v = cpu->frm << 5 | cpu->fflags, size = 4;
    else return 0;
    for (int i = 0; i < size; i++)
        b[i] = (uint8_t)(v >> 8 * i);
    return size;
}

static int reg_set(struct rv_gdb *g, struct rv_cpu *cpu, int r, const uint8_t *b, int n)
{
    uint8_t tmp[8];
    uint64_t v = 0;
    if (!n || n != reg_get(cpu, r, tmp))
        return -1;
    for (int i = 0; i < n; i++)
        v |= (uint64_t)b[i] << 8 * i;
    if (r > 0 && r < 32) cpu->x[r] = v;
    else if (r == GDB_REG_PC) g->dirty |= v != cpu->pc, cpu->pc = v;
    else if (r >= GDB_REG_F0 && r < GDB_REG_F0 + 32) cpu->f[r - GDB_REG_F0] = v;
    else if (r == GDB_REG_FFLAGS) cpu->fflags = (uint32_t)v & 31;
    else if (r == GDB_REG_FRM) cpu->frm = (uint32_t)v & 7;
    else if (r == GDB_REG_FCSR) cpu->fflags = (uint32_t)v & 31, cpu->frm = (uint32_t)(v >> 5) & 7;
    return 0;
}

/* The target description: gdb's own riscv features, with explicit numbers so that p/P and
 * the g packet (registers in number order, 65 absent) agree with gdb's riscv numbering. */
static char target_xml[8192];
static size_t target_xml_len;

static void build_target_xml(void)
{
    char *o = target_xml, *end = target_xml + sizeof target_xml;
#define ADD(...) (o += snprintf(o, (size_t)(end - o), __VA_ARGS__))
    ADD("<?xml version=\"1.0\"?><!DOCTYPE target SYSTEM \"gdb-target.dtd\"><target version=\"1.0\">"
        "<architecture>riscv:rv64</architecture><osabi>GNU/Linux</osabi>"
        "<feature name=\"org.gnu.gdb.riscv.cpu\">");
    for (int i = 0; i < 32; i++)
        ADD("<reg name=\"%s\" bitsize=\"64\" type=\"%s\" regnum=\"%d\"/>",
            i == 8 ? "fp" : rv_xreg_names[i],  /* gdb calls x8 fp */
            i == 1 ? "code_ptr" : (i >= 2 && i <= 4) || i == 8 ? "data_ptr" : "int", i);
    ADD("<reg name=\"pc\" bitsize=\"64\" type=\"code_ptr\" regnum=\"32\"/></feature>"
        "<feature name=\"org.gnu.gdb.riscv.fpu\"><union id=\"riscv_double\">"
        "<field name=\"float\" type=\"ieee_single\"/><field name=\"double\" type=\"ieee_double\"/>"
        "</union>");
    for (int i = 0; i < 32; i++)
        ADD("<reg name=\"%s\" bitsize=\"64\" type=\"riscv_double\" regnum=\"%d\"/>", rv_freg_names[i],
            GDB_REG_F0 + i);
    for (int i = 0; i < 3; i++)
        ADD("<reg name=\"%s\" bitsize=\"32\" type=\"int\" regnum=\"%d\" group=\"float\"/>",
            (const char *[]){ "fflags", "frm", "fcsr" }[i], GDB_REG_FFLAGS + i);
    ADD("</feature></target>");
#undef ADD
    target_xml_len = (size_t)(o - target_xml);
}

/* ---- threads and stops ---- */

/* Host signal to gdb's own signal numbers (they differ from Linux's above 9). */
static int gdb_signal(int sig)
{
    static const unsigned char map[32] = {
        [SIGHUP] = 1, [SIGINT] = 2, [SIGQUIT] = 3, [SIGILL] = 4, [SIGTRAP] = 5, [SIGABRT] = 6,
        [SIGFPE] = 8, [SIGKILL] = 9, [SIGBUS] = 10, [SIGSEGV] = 11, [SIGSYS] = 12,
        [SIGPIPE] = 13, [SIGALRM] = 14, [SIGTERM] = 15, [SIGCHLD] = 20, [SIGXCPU] = 24,
        [SIGXFSZ] = 25, [SIGUSR1] = 30, [SIGUSR2] = 31 };
    return sig > 0 && sig < 32 && map[sig] ? map[sig] : 143;     /* GDB_SIGNAL_UNKNOWN */
}

/* The live guest thread tid (0: cur, the stopped one), or NULL. */
static struct rv_cpu *find_thread(struct rv_machine *m, struct rv_cpu *cur, uint64_t tid)
{
    struct rv_cpu *t;
    if (!tid || tid == (uint64_t)(unsigned)cur->tid)
        return cur;
    pthread_mutex_lock(&m->threads_lock);
    for (t = m->threads; t && (uint64_t)(unsigned)t->tid != tid; t = t->next)
        ;
    pthread_mutex_unlock(&m->threads_lock);
    return t;
}

/* A thread id in H, T and vCont: -1 (all) and 0 (any) give 0; -1 when malformed. */
static int parse_tid(const char *p, uint64_t *tid)
{
    if (!strcmp(p, "-1"))
        return *tid = 0, 0;
    return parse_hex(&p, tid) || *p ? -1 : 0;
}

static int stop_reply(struct rv_gdb *g, const struct rv_cpu *cpu, int sig, const char *why)
{
    char s[96];
    g->last_sig = sig;
    g->sel_tid = 0;
    snprintf(s, sizeof s, "T%02xthread:%x;%s", sig & 0xff, (unsigned)cpu->tid, why);
    return put_str(g, s);
}

/* The auxiliary vector sits above argc, argv and envp on the initial stack. */
static void read_auxv(struct rv_gdb *g, struct rv_cpu *cpu)
{
    struct rv_mem *mem = &cpu->m->mem;
    uint64_t p = cpu->x[2], v[2] = { 1, 0 };
    if (rv_copy_from_guest(mem, v, p, 8) || rv_le64(v[0]) > 1u << 20)
        return;
    p += 8 * (rv_le64(v[0]) + 2);       /* argc; the words stay little-endian for gdb */
    for (int i = 0; i < 1 << 16 && !rv_copy_from_guest(mem, v, p, 8) && v[0]; i++)
        p += 8;
    for (p += 8; g->auxv_len < (int)sizeof g->auxv && !rv_copy_from_guest(mem, v, p, 16); p += 16) {
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
    close(g->fd);
    free(g);
    __atomic_store_n(&m->gdb, NULL, __ATOMIC_RELEASE);
    /* the run loop goes back to the fast path unless -d logging wants every block */
    m->per_block = (m->log_mask & LOG_PER_BLOCK) != 0;
}

/* ---- commands ---- */

/* qXfer reply: 'm' or 'l' and [off, off+len) of doc, binary-escaped. */
static int xfer(struct rv_gdb *g, const char *args, const void *doc, size_t size)
{
    uint64_t off, len;
    if (parse_hex(&args, &off) || *args++ != ',' || parse_hex(&args, &len))
        return put_str(g, "E00");
    if (off >= size)
        return put_str(g, "l");
    len = len < size - off ? len : size - off;
    len = len < PKT_MAX / 2 ? len : PKT_MAX / 2;
    char *o = g->out;
    *o++ = off + len < size ? 'm' : 'l';
    for (uint64_t i = 0; i < len; i++) {
        uint8_t c = ((const uint8_t *)doc)[off + i];
        if (c == '$' || c == '#' || c == '}' || c == '*')
            *o++ = '}', c ^= 0x20;
        *o++ = (char)c;
    }
    return put_packet(g, g->out, (size_t)(o - g->out));
}

static int query(struct rv_machine *m, struct rv_gdb *g, struct rv_cpu *cpu, const char *p)
{
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
    if (!strcmp(p, "qC"))
        return snprintf(g->out, 32, "QC%x", (unsigned)cpu->tid), put_str(g, g->out);
    if (!strcmp(p, "qfThreadInfo")) {
        char *o = g->out, *end = g->out + sizeof g->out - 16;
        o += sprintf(o, "m%x", (unsigned)cpu->tid);
        pthread_mutex_lock(&m->threads_lock);
        for (struct rv_cpu *t = m->threads; t && o < end; t = t->next)
            if (t != cpu)
                o += sprintf(o, ",%x", (unsigned)t->tid);
        pthread_mutex_unlock(&m->threads_lock);
        return put_str(g, g->out);
    }
    if (!strcmp(p, "qsThreadInfo"))
        return put_str(g, "l");
    if (!strncmp(p, "qAttached", 9))
        return put_str(g, "1");     /* as QEMU: quitting gdb detaches, the program runs on */
    if (!strncmp(p, "qSymbol", 7))
        return put_str(g, "OK");
    return put_str(g, !strncmp(p, "qXfer:", 6) ? "E00" : "");
}

/* m: what is readable, page by page (gdb takes a short answer), E14 if nothing is. */
static int read_mem(struct rv_gdb *g, struct rv_mem *mem, uint64_t a, uint64_t len)
{
    uint8_t buf[PKT_MAX / 2];
    uint64_t got = 0;
    len = len < sizeof buf ? len : sizeof buf;
    while (got < len) {
        uint64_t n = RV_PAGE_SIZE - ((a + got) & RV_PAGE_MASK);
        n = n < len - got ? n : len - got;
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
        rv_code_changed(m, a, a + (uint64_t)n);     /* drops decoded blocks of the old bytes */
        g->dirty = 1;
    }
    return put_str(g, "OK");
}

/* Z/z: one table for breakpoints (types 0, 1) and watchpoints (2 write, 3 read, 4 access). */
static int breakpoint(struct rv_gdb *g, struct rv_mem *mem, const char *p)
{
    uint64_t type, addr, kind;
    int insert = *p++ == 'Z';
    if (parse_hex(&p, &type) || *p++ != ',' || parse_hex(&p, &addr) || *p++ != ',' ||
        parse_hex(&p, &kind))
        return put_str(g, "E01");
    if (type > 4)
        return put_str(g, "");
    kind = type <= 1 ? 0 : kind;    /* a breakpoint's instruction length does not matter */
    for (int i = 0; i < g->nbp; i++)
        if (g->bp[i].addr == addr && g->bp[i].type == (int)type && g->bp[i].len == (int)kind) {
            if (!insert)
                g->nwp -= type >= 2, g->bp[i] = g->bp[--g->nbp];
            return put_str(g, "OK");
        }
    if (!insert)
        return put_str(g, "OK");
    if (g->nbp == MAX_BP || kind > WP_MAXLEN || (type >= 2 && !kind) ||
        rv_copy_from_guest(mem, g->bp[g->nbp].old, addr, kind))
        return put_str(g, "E0c");
    g->bp[g->nbp].addr = addr;
    g->bp[g->nbp].type = (int)type;
    g->bp[g->nbp++].len = (int)kind;
    g->nwp += type >= 2;
    return put_str(g, "OK");
}

/* vCont: per thread the leftmost action that names it (or all) applies. The stopped thread
 * continues or steps, with a signal or not; a step may name another thread. Sets g->step
 * and g->resume_sig; 0, or -1 when malformed or nothing resumes. */
static int vcont(struct rv_machine *m, struct rv_gdb *g, struct rv_cpu *cpu, const char *p)
{
    int mine = 0;
    g->step = NULL;
    g->resume_sig = 0;
    while (*p++ == ';') {
        char act = *p++, tid_s[24] = "-1";
        const char *next = p + strcspn(p, ";"), *colon = memchr(p, ':', (size_t)(next - p));
        uint64_t tid, sig = 0;
        if (!act || !strchr("cCsSt", act) || ((act == 'C' || act == 'S') && parse_hex(&p, &sig)))
            return -1;
        if (colon && (size_t)(next - colon) <= sizeof tid_s) {
            memcpy(tid_s, colon + 1, (size_t)(next - colon - 1));
            tid_s[next - colon - 1] = 0;
        }
        if (p != (colon ? colon : next) || (colon && (size_t)(next - colon) > sizeof tid_s) ||
            parse_tid(tid_s, &tid))
            return -1;
        struct rv_cpu *t = act == 't' ? NULL : find_thread(m, cpu, tid);
        int step = act == 's' || act == 'S';
        if (t && !g->step && step && (t != cpu || !mine))
            g->step = t;
        if (t && (t == cpu || !tid) && !mine) {
            mine = 1;
            g->resume_sig = (int)sig;
        }
        p = next;
    }
    return mine || g->step ? 0 : -1;
}

enum { SERVE_RESUME, SERVE_DETACHED };

/* Answers packets until gdb resumes (g->step says which thread steps) or goes away. */
static int serve(struct rv_machine *m, struct rv_cpu *cpu)
{
    struct rv_gdb *g = m->gdb;
    uint8_t buf[PKT_MAX / 2];
    uint64_t a, n;
    int len;
    while ((len = get_packet(g)) >= 0) {
        const char *p = g->pkt;
        struct rv_cpu *sel = find_thread(m, cpu, g->sel_tid);
        int r = 0, k = -1;
        if (!sel && p[0] && strchr("gGpP", p[0]))
            p = "E";            /* the selected thread has gone */
        switch (p[0]) {
        case '?':
            r = stop_reply(g, cpu, g->last_sig, "");
            break;
        case 'g': {
            char *o = g->out;
            for (int i = 0; i < GDB_NREGS; i++)
                o = put_hex(o, buf, reg_get(sel, i, buf));
            r = put_str(g, g->out);
            break;
        }
        case 'G': {
            uint8_t old[8];
            k = unhex(p + 1, buf, sizeof buf);
            for (int i = 0, off = 0, size; k >= 0 && i < GDB_NREGS; i++, off += size)
                if ((size = reg_get(sel, i, old)) && off + size <= k)
                    reg_set(g, sel, i, buf + off, size);
            r = put_str(g, k < 0 ? "E01" : "OK");
            break;
        }
        case 'p':
            p++;
            if (parse_hex(&p, &a) || a >= GDB_NREGS || !(k = reg_get(sel, (int)a, buf)))
                r = put_str(g, "E45");
            else
                put_hex(g->out, buf, k), r = put_str(g, g->out);
            break;
        case 'P':
            p++;
            if (!parse_hex(&p, &a) && *p++ == '=' && a < GDB_NREGS)
                k = unhex(p, buf, 8);
            r = put_str(g, k > 0 && !reg_set(g, sel, (int)a, buf, k) ? "OK" : "E45");
            break;
        case 'm':
            p++;
            r = parse_hex(&p, &a) || *p++ != ',' || parse_hex(&p, &n) ? put_str(g, "E01")
                                                                      : read_mem(g, &m->mem, a, n);
            break;
        case 'M': case 'X': {
            char cmd = *p++;
            if (!parse_hex(&p, &a) && *p++ == ',' && !parse_hex(&p, &n) && *p++ == ':' &&
                n <= sizeof buf) {
                if (cmd == 'M')
                    k = unhex(p, buf, (int)n);
                else            /* binary, '}' escapes the next byte */
                    for (k = 0; p < g->pkt + len && k < (int)n; k++, p++)
                        buf[k] = *p == '}' && p + 1 < g->pkt + len ? (uint8_t)(*++p ^ 0x20)
                                                                    : (uint8_t)*p;
            }
            r = k < 0 || (uint64_t)k != n ? put_str(g, "E01") : write_mem(g, m, a, buf, k);
            break;
        }
        case 'c': case 's': case 'C': case 'S': {
            char cmd = *p++;
            g->resume_sig = 0;
            if ((cmd == 'C' || cmd == 'S') && parse_hex(&p, &a) == 0) {
                g->resume_sig = (int)a;
                p += *p == ';';
            }
            if (*p && !parse_hex(&p, &a) && a != cpu->pc)
                cpu->pc = a, g->dirty = 1;
            g->step = cmd == 's' || cmd == 'S' ? cpu : NULL;
            return SERVE_RESUME;
        }
        case 'v':
            if (!strcmp(p, "vCont?"))
                r = put_str(g, "vCont;c;C;s;S");
            else if (!strncmp(p, "vCont;", 6) && !vcont(m, g, cpu, p + 5))
                return SERVE_RESUME;
            else if (!strncmp(p, "vKill", 5))
                goto kill;
            else
                r = put_str(g, !strncmp(p, "vCont", 5) ? "E01" : "");
            break;
        case 'H':           /* Hg selects the thread for registers; Hc needs nothing */
            k = len >= 2 && !parse_tid(p + 2, &a) && find_thread(m, cpu, a);
            g->sel_tid = k && p[1] == 'g' ? a : g->sel_tid;
            r = put_str(g, k ? "OK" : "E01");
            break;
        case 'T':
            r = put_str(g, !parse_tid(p + 1, &a) && find_thread(m, cpu, a) ? "OK" : "E01");
            break;
        case 'Z': case 'z':
            r = breakpoint(g, &m->mem, p);
            break;
        case 'D':
            put_str(g, "OK");
            free_gdb(m);
            return SERVE_DETACHED;
        case 'k':
            goto kill;
        case 'q': case 'Q':
            r = query(m, g, cpu, p);
            break;
        default:
            r = put_str(g, p[0] == 'E' ? "E01" : "");  /* "": unsupported, as the protocol wants */
        }
        if (r < 0)
            break;
    }
    free_gdb(m);                /* connection lost: the program runs on without gdb */
    return SERVE_DETACHED;
kill:
    put_str(g, "OK");
    fflush(NULL);
    _exit(137);                 /* as if killed by SIGKILL, at once */
}

/* After a stop. The run loop may come back to the same instruction without running it
 * (it was kicked: by us when gdb changed the pc or code, or by a signal or a cache flush);
 * the thread must not stop there again, so where and when it resumed is noted. */
static void resume(struct rv_machine *m, struct rv_cpu *cpu)
{
    struct rv_gdb *g = m->gdb;
    if (!g)
        return;
    if (g->dirty)
        __atomic_store_n(&cpu->pending, 1, __ATOMIC_RELEASE);
    g->dirty = 0;
    g->resumed = cpu;
    g->resumed_pc = cpu->pc;
    g->resumed_instret = cpu->instret;     /* counted when a block starts, after our check */
    for (int i = 0; i < g->nbp; i++)    /* gdb may have written watched memory */
        rv_copy_from_guest(&m->mem, g->bp[i].old, g->bp[i].addr, (size_t)g->bp[i].len);
}

/* 1 when gdb sent Ctrl-C (0x03) while the guest ran; a closed connection detaches. */
static int interrupted(struct rv_machine *m)
{
    struct rv_gdb *g = m->gdb;
    struct pollfd pfd = { g->fd, POLLIN, 0 };
    for (int pass = 0; pass < 2; pass++) {
        while (g->rx_pos < g->rx_len)
            if (g->rx[g->rx_pos++] == 3)
                return 1;
        if (pass || poll(&pfd, 1, 0) <= 0)
            return 0;
        ssize_t k = recv(g->fd, g->rx, sizeof g->rx, MSG_DONTWAIT);
        if (k == 0 || (k < 0 && errno != EAGAIN && errno != EINTR)) {
            free_gdb(m);
            return 0;
        }
        g->rx_pos = 0;
        g->rx_len = k > 0 ? (int)k : 0;
    }
    return 0;
}

/* Whether the instruction at pc is about to touch a watched range. gdb's riscv watchpoints
 * stop before the access (gdb then steps over it and compares values), so the access is
 * decoded first. Writes by syscalls are only seen afterwards, as changed bytes. */
static int watch_hit(struct rv_gdb *g, struct rv_cpu *cpu, char *why, size_t cap)
{
    static const char *const kinds[] = { "watch", "rwatch", "awatch" };
    struct rv_mem *mem = &cpu->m->mem;
    unsigned char raw[4] = { 0 };
    struct rv_insn d = { 0 };
    unsigned fl = 0;
    if (!rv_copy_from_guest(mem, raw, cpu->pc, 2) &&
        (rv_insn_len(rv_ld16(raw)) == 2 || !rv_copy_from_guest(mem, raw, cpu->pc, 4)))
        fl = rv_insns[rv_decode(rv_ld32(raw), &d)].flags & (F_LOAD | F_STORE | F_ATOMIC);
    uint64_t a = cpu->x[d.rs1] + (fl & F_ATOMIC ? 0 : (uint64_t)d.imm);
    uint64_t n = 1u << ((d.expanded >> 12) & 3);      /* funct3 gives the access size */
    for (int i = 0; i < g->nbp; i++) {
        uint64_t wa = g->bp[i].addr, wl = (uint64_t)g->bp[i].len;
        int t = g->bp[i].type, hit = 0;
        uint8_t now[WP_MAXLEN];
        if (t < 2)
            continue;
        if (fl && a < wa + wl && wa < a + n)
            hit = (t == 2 && (fl & F_STORE)) || (t == 3 && (fl & F_LOAD)) || t == 4;
        if (!hit && t != 3 && !rv_copy_from_guest(mem, now, wa, wl) && memcmp(now, g->bp[i].old, wl))
            hit = 1, a = wa;
        if (hit)
            return snprintf(why, cap, "%s:%llx;", kinds[t - 2], (unsigned long long)(a > wa ? a : wa));
    }
    return 0;
}

static void entry_locked(struct rv_machine *m, struct rv_gdb *g, struct rv_cpu *cpu)
{
    char why[48] = "";
    int sig = 5, hit = g->step == cpu;
    if (g->resumed == cpu && cpu->pc == g->resumed_pc && cpu->instret == g->resumed_instret)
        return;
    if (g->first) {             /* gdb connected at start: stopped before the entry point */
        g->first = 0;
        read_auxv(g, cpu);
        if (serve(m, cpu) == SERVE_RESUME)
            resume(m, cpu);
        return;
    }
    for (int i = 0; i < g->nbp && !hit; i++)
        if (g->bp[i].addr == cpu->pc && g->bp[i].type < 2)
            hit = snprintf(why, sizeof why, "%s", g->bp[i].type ? "hwbreak:;" : "swbreak:;");
    if (!hit && g->nwp)
        hit = watch_hit(g, cpu, why, sizeof why);
    if (!hit && ++g->polls % POLL_EVERY == 0) {
        hit = interrupted(m);
        sig = 2;                /* SIGINT, as gdb expects for Ctrl-C */
        if (!m->gdb)
            return;
    }
    if (!hit)
        return;
    g->step = NULL;
    if (stop_reply(g, cpu, sig, why) < 0)
        free_gdb(m);
    else if (serve(m, cpu) == SERVE_RESUME)
        resume(m, cpu);
}

/* A forked guest process runs without gdb: the connection stays the parent's. It never
 * takes gdb_lock (m->gdb is NULL), which another thread may have held across the fork. */
static void forked_child(void)
{
    free_gdb(gdb_machine);
}

void rv_gdb_block_entry(struct rv_cpu *cpu)
{
    struct rv_machine *m = cpu->m;
    if (!__atomic_load_n(&m->gdb, __ATOMIC_ACQUIRE))
        return;
    pthread_mutex_lock(&gdb_lock);
    if (m->gdb)
        entry_locked(m, m->gdb, cpu);
    pthread_mutex_unlock(&gdb_lock);
}

void rv_gdb_fault(struct rv_cpu *cpu)
{
    struct rv_machine *m = cpu->m;
    if (!__atomic_load_n(&m->gdb, __ATOMIC_ACQUIRE))
        return;
    pthread_mutex_lock(&gdb_lock);
    struct rv_gdb *g = m->gdb;
    int sig = gdb_signal(cpu->sig), bp = 0;
    /* A fetch fault at a breakpoint is that breakpoint: gdb's inferior calls return to one
     * on the stack, which is not executable. */
    for (int i = 0; g && i < g->nbp; i++)
        bp |= cpu->sig == SIGSEGV && cpu->sig_addr == cpu->pc && g->bp[i].addr == cpu->pc &&
              g->bp[i].type < 2;
    int r = g && stop_reply(g, cpu, bp ? 5 : sig, bp ? "swbreak:;" : "") == 0 ? serve(m, cpu)
                                                                          : SERVE_DETACHED;
    if (r == SERVE_DETACHED)
        free_gdb(m);            /* a no-op when gdb detached, closes a broken connection */
    if (g && (r == SERVE_DETACHED || !g->resume_sig)) {
        /* resumed without the signal (gdb's "signal 0", an inferior call's end, a detach): as
         * under ptrace the thread runs on from where gdb left it (a fault not dealt with
         * recurs). Our callers end the process, so in a new run loop. */
        resume(m, cpu);
        pthread_mutex_unlock(&gdb_lock);
        rv_thread_run(cpu);
        rv_thread_exit(cpu);
    }
    if (g) {
        snprintf(g->out, 8, "X%02x", sig);  /* the process dies of it, and gdb hears so */
        put_str(g, g->out);
    }
    free_gdb(m);
    pthread_mutex_unlock(&gdb_lock);
}

void rv_gdb_exit(struct rv_machine *m, int status)
{
    if (!__atomic_load_n(&m->gdb, __ATOMIC_ACQUIRE))
        return;
    pthread_mutex_lock(&gdb_lock);
    if (m->gdb) {
        snprintf(m->gdb->out, 8, "W%02x", status & 0xff);
        put_str(m->gdb, m->gdb->out);
    }
    free_gdb(m);
    pthread_mutex_unlock(&gdb_lock);
}

void rv_gdb_close(struct rv_machine *m)
{
    if (!__atomic_load_n(&m->gdb, __ATOMIC_ACQUIRE))
        return;
    pthread_mutex_lock(&gdb_lock);
    free_gdb(m);
    pthread_mutex_unlock(&gdb_lock);
}

int rv_gdb_start(struct rv_machine *m, const char *port)
{
    /* numeric IPv4 addresses only: a static rvemu cannot use the resolver (NSS) */
    char host[64] = "127.0.0.1";    /* never all interfaces unless asked for */
    const char *colon = strrchr(port, ':'), *svc = colon ? colon + 1 : port;
    if (colon && colon > port && strncmp(port, "localhost:", 10))
        snprintf(host, sizeof host, "%.*s", (int)(colon - port), port);
    char *end;
    long pn = strtol(svc, &end, 10);
    struct sockaddr_in sa = { .sin_family = AF_INET, .sin_port = htons((uint16_t)pn) };
    socklen_t sl = sizeof sa;
    int one = 1, lfd = -1;
    if (!*svc || *end || pn < 0 || pn > 65535 || inet_pton(AF_INET, host, &sa.sin_addr) != 1) {
        fprintf(stderr, "rvemu: -g %s: not a port (a number, or address:number)\n", port);
        return -1;
    }
    if ((lfd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0)) < 0 ||
        setsockopt(lfd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one) ||
        bind(lfd, (struct sockaddr *)&sa, sizeof sa) || listen(lfd, 1) ||
        getsockname(lfd, (struct sockaddr *)&sa, &sl)) {  /* port 0: the kernel picks one */
        fprintf(stderr, "rvemu: -g %s: cannot listen: %s\n", port, strerror(errno));
        if (lfd >= 0)
            close(lfd);
        return -1;
    }
    fprintf(stderr, "rvemu: waiting for gdb on port %d\n", ntohs(sa.sin_port));
    int fd, e;
    do
        fd = accept4(lfd, NULL, NULL, SOCK_CLOEXEC);
    while (fd < 0 && errno == EINTR);
    e = errno;
    close(lfd);
    struct rv_gdb *g = fd < 0 ? NULL : calloc(1, sizeof *g);
    if (!g) {
        fprintf(stderr, "rvemu: -g %s: accept: %s\n", port, strerror(fd < 0 ? e : ENOMEM));
        if (fd >= 0)
            close(fd);
        return -1;
    }
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);     /* packets are tiny */
    g->fd = fd;
    g->first = 1;
    g->last_sig = 5;
    if (!target_xml_len) {
        build_target_xml();
        pthread_atfork(NULL, NULL, forked_child);
    }
    gdb_machine = m;
    m->gdb = g;
    return 0;
}
