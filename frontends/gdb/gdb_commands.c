/*
 * frontends/gdb/gdb_commands.c — what each GDB remote packet does.
 *
 * Called by gdbstub.c with one checked packet at a time while the guest is
 * stopped.  Every packet is parsed strictly: a malformed one gets an "E"
 * error reply (or the empty reply for packets we do not know, which tells
 * GDB "not supported"), never a guess.  Memory goes through
 * gdb_memory.c: a debugger may read and patch any page the guest has
 * mapped (code included), but nothing outside the guest's address space.
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "frontends/gdb/gdb_target.h"
#include "frontends/gdb/gdbstub_internal.h"
#include "mmu/mmu.h"

/* The most memory one 'm' reply carries: two hex digits per byte must fit. */
#define MAX_MEM_CHUNK ((GDB_MAX_PACKET - 8) / 2)

int gdb_signal_from_host(int host_sig)
{
    switch (host_sig) {
    case SIGHUP: return 1;
    case SIGINT: return 2;
    case SIGQUIT: return 3;
    case SIGILL: return 4;
    case SIGTRAP: return 5;
    case SIGABRT: return 6;
    case SIGFPE: return 8;
    case SIGKILL: return 9;
    case SIGBUS: return 10;
    case SIGSEGV: return 11;
    case SIGSYS: return 12;
    case SIGPIPE: return 13;
    case SIGALRM: return 14;
    case SIGTERM: return 15;
    case SIGURG: return 16;
    case SIGSTOP: return 17;
    case SIGTSTP: return 18;
    case SIGCONT: return 19;
    case SIGCHLD: return 20;
    case SIGTTIN: return 21;
    case SIGTTOU: return 22;
    case SIGIO: return 23;
    case SIGXCPU: return 24;
    case SIGXFSZ: return 25;
    case SIGVTALRM: return 26;
    case SIGPROF: return 27;
    case SIGWINCH: return 28;
    case SIGUSR1: return 30;
    case SIGUSR2: return 31;
    default: return 143; /* GDB_SIGNAL_UNKNOWN */
    }
}

void gdb_clear_points(struct gdb_stub *g)
{
    if (g->cpu) gdb_bp_remove_all(g);
    g->n_bp = 0;
    g->n_wp = 0;
}

static void reply_error(struct gdb_stub *g) { gdb_send_str(g, "E01"); }

/* "addr,len" at *p; advances past it. */
static bool parse_addr_len(const char **p, uint64_t *addr, uint64_t *len)
{
    if (!gdb_parse_hex(p, addr) || **p != ',') return false;
    (*p)++;
    return gdb_parse_hex(p, len);
}

/* ---- threads ---------------------------------------------------------------- */

#define GDB_MAX_THREADS 512

/* The hart whose registers g/p read: the thread that stopped, or (Hg) a
 * copy of another thread's; NULL if that thread is gone. */
static struct cpu *reg_cpu(struct gdb_stub *g)
{
    if (!g->reg_tid || !g->threaded || g->reg_tid == g->stop_tid) return g->cpu;
    if (!g->reg_copy && !(g->reg_copy = malloc(sizeof *g->reg_copy))) return NULL;
    return gdb_thread_read(g, g->reg_tid, g->reg_copy) ? g->reg_copy : NULL;
}

/* G/P: a register write to the Hg thread, done by fn(cpu, arg).  Another
 * thread's registers can be written only while it is parked in the stub
 * (one blocked in a system call is not: its registers may change). */
static bool modify_regs(struct gdb_stub *g, void (*fn)(struct cpu *, void *), void *arg)
{
    if (!g->reg_tid || !g->threaded || g->reg_tid == g->stop_tid) {
        fn(g->cpu, arg);
        return true;
    }
    return gdb_thread_modify(g, g->reg_tid, fn, arg);
}

static bool thread_alive(struct gdb_stub *g, int tid)
{
    return g->threaded ? gdb_thread_alive(g, tid) : tid == 1;
}

/* Hg/Hc THREAD: "-1" (all) or "0" (any) or a thread id in hex. */
static void cmd_set_thread(struct gdb_stub *g, const char *p)
{
    char op = *p++;
    uint64_t v = 0;
    bool all = p[0] == '-' && p[1] == '1' && !p[2];
    if ((op != 'g' && op != 'c') || (!all && (!gdb_parse_hex(&p, &v) || *p || v > 0x7fffffff))) return reply_error(g);
    if (!all && v && !thread_alive(g, (int)v)) return reply_error(g);
    if (op == 'g') g->reg_tid = all ? 0 : (int)v;
    else g->cont_tid = all ? 0 : (int)v; /* which thread a plain 's' steps */
    gdb_send_str(g, "OK");
}

static void cmd_thread_alive(struct gdb_stub *g, const char *p)
{
    uint64_t v;
    if (!gdb_parse_hex(&p, &v) || *p || v > 0x7fffffff) return reply_error(g);
    gdb_send_str(g, thread_alive(g, (int)v) ? "OK" : "E01");
}

static void cmd_thread_list(struct gdb_stub *g)
{
    if (!g->threaded) return gdb_send_str(g, "m1");
    static int tids[GDB_MAX_THREADS];
    static char out[GDB_MAX_THREADS * 9 + 2];
    int n = gdb_thread_ids(g, tids, GDB_MAX_THREADS);
    size_t len = 0;
    out[len++] = 'm';
    for (int i = 0; i < n && len + 10 < GDB_MAX_PACKET; i++)
        len += (size_t)snprintf(out + len, sizeof out - len, "%s%x", i ? "," : "", (unsigned)tids[i]);
    gdb_send(g, out, len);
}

/* ---- registers -------------------------------------------------------------- */

static void cmd_read_all_regs(struct gdb_stub *g)
{
    char out[GDB_G_REGS * 16 + 1];
    struct cpu *c = reg_cpu(g);
    if (!c) return reply_error(g);
    for (unsigned r = 0; r < GDB_G_REGS; r++) {
        uint8_t b[8];
        gdb_reg_read(c, r, b);
        gdb_hex_encode(out + 16 * r, 17, b, 8);
    }
    gdb_send(g, out, GDB_G_REGS * 16);
}

static void write_all(struct cpu *c, void *arg)
{
    const uint8_t *b = arg;
    for (unsigned r = 0; r < GDB_G_REGS; r++) gdb_reg_write(c, r, b + 8 * r, 8);
}

static void cmd_write_all_regs(struct gdb_stub *g, const char *hex, size_t len)
{
    uint8_t b[GDB_G_REGS * 8];
    if (!gdb_hex_decode(hex, len, b, sizeof b) || !modify_regs(g, write_all, b)) return reply_error(g);
    gdb_send_str(g, "OK");
}

static void cmd_read_reg(struct gdb_stub *g, const char *p)
{
    uint64_t n;
    uint8_t b[8];
    size_t size;
    char out[17];
    struct cpu *c = reg_cpu(g);
    if (!c || !gdb_parse_hex(&p, &n) || *p || n > 0xffff || !(size = gdb_reg_read(c, (unsigned)n, b)))
        return reply_error(g);
    gdb_hex_encode(out, sizeof out, b, size);
    gdb_send_str(g, out);
}

struct one_reg {
    unsigned n;
    uint8_t b[8];
    size_t len;
    bool ok;
};

static void write_one(struct cpu *c, void *arg)
{
    struct one_reg *r = arg;
    r->ok = gdb_reg_write(c, r->n, r->b, r->len);
}

static void cmd_write_reg(struct gdb_stub *g, const char *p)
{
    uint64_t n;
    struct one_reg r = {0};
    if (!gdb_parse_hex(&p, &n) || *p != '=' || n > 0xffff) return reply_error(g);
    p++;
    size_t hex_len = strlen(p);
    r.n = (unsigned)n, r.len = hex_len / 2;
    if (hex_len > 16 || hex_len % 2 || !gdb_hex_decode(p, hex_len, r.b, r.len) || !modify_regs(g, write_one, &r) || !r.ok)
        return reply_error(g);
    gdb_send_str(g, "OK");
}

/* ---- memory ----------------------------------------------------------------- */

static void cmd_read_mem(struct gdb_stub *g, const char *p)
{
    uint64_t addr, len;
    if (!parse_addr_len(&p, &addr, &len) || *p) return reply_error(g);
    if (len > MAX_MEM_CHUNK) len = MAX_MEM_CHUNK; /* GDB accepts a shorter reply and asks for the rest */
    static uint8_t data[MAX_MEM_CHUNK];
    static char out[2 * MAX_MEM_CHUNK + 1];
    /* Page by page, so a read that runs into an unmapped page returns what
     * precedes it, as the protocol allows. */
    size_t got = gdb_mem_copy(g, addr, data, (size_t)len, false);
    if (!got && len) return gdb_send_str(g, "E14"); /* EFAULT, as gdbserver says */
    gdb_bp_hide(g, addr, data, got);
    gdb_hex_encode(out, sizeof out, data, got);
    gdb_send(g, out, 2 * got);
}

/* Writes guest memory for the debugger (M and X packets).  Code may be
 * patched (`set var` on a constant in .text, or GDB writing its own
 * breakpoints): gdb_mem_copy drops the translations it makes stale, and
 * the interpreter's decode cache compares bits anyway. */
static void write_mem(struct gdb_stub *g, uint64_t addr, const uint8_t *data, size_t len)
{
    if (len && (addr + len < addr || gdb_mem_copy(g, addr, (uint8_t *)data, len, true) != len))
        return gdb_send_str(g, "E14");
    gdb_bp_after_write(g, addr, len);
    gdb_send_str(g, "OK");
}

static void cmd_write_mem_hex(struct gdb_stub *g, const char *p, size_t pkt_len, const char *pkt)
{
    uint64_t addr, len;
    if (!parse_addr_len(&p, &addr, &len) || *p != ':') return reply_error(g);
    p++;
    size_t hex_len = pkt_len - (size_t)(p - pkt);
    static uint8_t data[GDB_MAX_PACKET / 2];
    if (len > sizeof data || !gdb_hex_decode(p, hex_len, data, (size_t)len)) return reply_error(g);
    write_mem(g, addr, data, (size_t)len);
}

static void cmd_write_mem_bin(struct gdb_stub *g, const char *p, size_t pkt_len, const char *pkt)
{
    uint64_t addr, len;
    if (!parse_addr_len(&p, &addr, &len) || *p != ':') return reply_error(g);
    p++;
    static uint8_t data[GDB_MAX_PACKET];
    long n = gdb_unescape(p, pkt_len - (size_t)(p - pkt), data, sizeof data);
    if (n < 0 || (uint64_t)n != len) return reply_error(g);
    write_mem(g, addr, data, (size_t)len);
}

/* ---- breakpoints and watchpoints ------------------------------------------- */

/* Z/z type,addr,kind.  Types 0 (software) and 1 (hardware) breakpoints are
 * the same thing here: an ebreak patched into the code (gdb_breakpoints.c).
 * Watchpoints are checked by the interpreter before each load and store. */
static void cmd_point(struct gdb_stub *g, const char *p, bool insert)
{
    uint64_t type, addr, kind;
    if (!gdb_parse_hex(&p, &type) || *p++ != ',' || !parse_addr_len(&p, &addr, &kind)) return reply_error(g);
    /* (conditions and commands after ';' are an optional extension we do not advertise) */
    if (*p && *p != ';') return reply_error(g);
    if (type <= 1) {
        if (!insert) {
            gdb_bp_remove(g, addr);
            return gdb_send_str(g, "OK");
        }
        int r = gdb_bp_insert(g, addr);
        return gdb_send_str(g, r == 0 ? "OK" : r == -1 ? "E28" /* ENOSPC */ : "E14" /* EFAULT */);
    }
    if (type > 4) return gdb_send_str(g, ""); /* not supported */
    if (kind == 0 || kind > 8 || addr + kind < addr) return reply_error(g);
    for (int i = 0; i < g->n_wp; i++)
        if (g->wp[i].addr == addr && g->wp[i].len == kind && g->wp[i].kind == (enum gdb_watch_kind)type) {
            if (!insert) g->wp[i] = g->wp[--g->n_wp];
            return gdb_send_str(g, "OK");
        }
    if (!insert) return gdb_send_str(g, "OK");
    if (g->n_wp == GDB_MAX_WATCHPOINTS) return gdb_send_str(g, "E28");
    g->wp[g->n_wp++] = (struct gdb_watchpoint){addr, kind, (enum gdb_watch_kind)type};
    gdb_send_str(g, "OK");
}

/* ---- resuming ------------------------------------------------------------------ */

static void resume(struct gdb_stub *g, bool step, const char *addr_text)
{
    if (*addr_text) { /* "c ADDR": resume at ADDR */
        uint64_t pc;
        if (!gdb_parse_hex(&addr_text, &pc) || *addr_text) return reply_error(g);
        g->cpu->pc = cpu_entry_pc(pc);
    }
    g->stepping = step;
    g->range_start = g->range_end = 0;
    g->state = GDB_RUNNING;
    if (!g->threaded) return;
    /* Threads: 'c' resumes every thread; 's' steps the Hc thread (or the one
     * that stopped) and the others stay stopped (GDB itself sends vCont). */
    gdb_threads_resume_begin(g);
    if (step) gdb_threads_resume_one(g, g->cont_tid > 0 ? g->cont_tid : g->stop_tid, GDB_ACT_STEP, 0, 0);
    else gdb_threads_resume_one(g, -1, GDB_ACT_CONT, 0, 0);
}

/* A thread id of the remote protocol: "-1" (all), a hex number (0: any),
 * or with multiprocess extensions "pPID" / "pPID.TID", each part hex or -1. */
static bool parse_thread_id(const char **p, int64_t *tid)
{
    uint64_t v;
    bool multiprocess = **p == 'p';
    if (multiprocess) (*p)++;
    *tid = -1; /* pPID alone: every thread of the process */
    for (int part = 0; part < (multiprocess ? 2 : 1); part++) {
        if (part == 1 && **p != '.') break; /* pPID alone */
        if (part == 1) (*p)++;
        if ((*p)[0] == '-' && (*p)[1] == '1') *p += 2, v = UINT64_MAX;
        else if (!gdb_parse_hex(p, &v)) return false;
        if (part == 1 || !multiprocess) *tid = v == UINT64_MAX ? -1 : v > 0x7fffffff ? 0x7fffffff : (int64_t)v;
    }
    return true;
}

/* vCont;ACTION[:thread][;ACTION...]: each thread takes the first action that
 * names it (or names none: the default); threads no action names stay
 * stopped, as the protocol says (GDB steps a thread over a breakpoint that
 * way, with the others stopped).  One hart (system mode): the first action
 * decides.  Every action and thread id must be well-formed, or the packet
 * is refused (a client sending garbage must hear so).
 * "rSTART,END" steps while the pc stays in [START, END). */
static void cmd_vcont(struct gdb_stub *g, const char *p)
{
    if (*p != ';') return reply_error(g);
    enum { MAX_ACTIONS = 64 };
    struct { char a; int64_t tid; uint64_t start, end; } act[MAX_ACTIONS];
    int n = 0;
    uint64_t v;
    while (*p == ';') {
        if (n == MAX_ACTIONS) return reply_error(g);
        char a = *++p;
        p++;
        uint64_t s0 = 0, e0 = 0;
        if (a == 'C' || a == 'S') { /* with a signal number: two hex digits (not passed to the guest) */
            const char *q = p;
            if (!gdb_parse_hex(&p, &v) || p - q != 2) return reply_error(g);
        } else if (a == 'r') {
            if (!parse_addr_len(&p, &s0, &e0)) return reply_error(g);
        } else if (a != 'c' && a != 's') {
            return reply_error(g);
        }
        int64_t tid = -1;
        if (*p == ':') {
            p++;
            if (!parse_thread_id(&p, &tid)) return reply_error(g);
            /* (a thread that does not exist: refused, rather than a resume that runs nothing) */
            if (g->threaded && tid > 0 && !gdb_thread_alive(g, (int)tid)) return reply_error(g);
        }
        act[n].a = a == 'C' ? 'c' : a == 'S' ? 's' : a;
        act[n].tid = tid, act[n].start = s0, act[n].end = e0;
        n++;
    }
    if (*p || !n) return reply_error(g);
    resume(g, act[0].a != 'c', "");
    if (act[0].a == 'r') g->range_start = act[0].start, g->range_end = act[0].end, g->range_steps = 0;
    if (!g->threaded) return;
    gdb_threads_resume_begin(g); /* (undoes resume()'s choice: the actions decide) */
    for (int i = 0; i < n; i++)
        gdb_threads_resume_one(g, (int)act[i].tid, act[i].a == 'c' ? GDB_ACT_CONT : GDB_ACT_STEP, act[i].start,
                               act[i].end);
}

/* ---- queries ---------------------------------------------------------------------- */

/* qXfer:OBJECT:read:ANNEX:offset,length — sends the part of `data` asked
 * for: 'm' if more follows, 'l' for the last part. */
static void xfer_reply(struct gdb_stub *g, const char *p, const void *data, size_t total)
{
    uint64_t off, len;
    if (!parse_addr_len(&p, &off, &len) || *p) return reply_error(g);
    if (off >= total) return gdb_send_str(g, "l");
    /* Escaping can double every byte; keep the reply under the packet size. */
    size_t max = (GDB_MAX_PACKET - 8) / 2;
    if (len > max) len = max;
    size_t n = total - (size_t)off < len ? total - (size_t)off : (size_t)len;
    static char out[GDB_MAX_PACKET];
    out[0] = off + n < total ? 'm' : 'l';
    long e = gdb_escape((const uint8_t *)data + off, n, out + 1, sizeof out - 1);
    if (e < 0) return reply_error(g);
    gdb_send(g, out, (size_t)e + 1);
}

static bool starts(const char *s, const char *prefix) { return !strncmp(s, prefix, strlen(prefix)); }

static void cmd_query(struct gdb_stub *g, const char *p)
{
    if (starts(p, "qSupported")) {
        char reply[128];
        snprintf(reply, sizeof reply,
                 "PacketSize=%x;qXfer:features:read+;qXfer:auxv:read+;vContSupported+;QStartNoAckMode+",
                 GDB_MAX_PACKET);
        gdb_send_str(g, reply);
    } else if (starts(p, "qXfer:features:read:target.xml:")) {
        const char *xml = g->cpu->system ? gdb_target_xml_system() : gdb_target_xml;
        xfer_reply(g, p + strlen("qXfer:features:read:target.xml:"), xml, strlen(xml));
    } else if (starts(p, "qXfer:features:read:")) {
        gdb_send_str(g, "E00"); /* no other document */
    } else if (starts(p, "qXfer:auxv:read::")) {
        xfer_reply(g, p + strlen("qXfer:auxv:read::"), g->auxv, g->auxv_len);
    } else if (!strcmp(p, "qAttached")) {
        gdb_send_str(g, "1"); /* on quit, GDB detaches and the program runs on (as with qemu-riscv64) */
    } else if (!strcmp(p, "qC")) {
        char reply[16];
        snprintf(reply, sizeof reply, "QC%x", g->threaded ? (unsigned)g->stop_tid : 1u);
        gdb_send_str(g, reply);
    } else if (!strcmp(p, "qfThreadInfo")) {
        cmd_thread_list(g);
    } else if (!strcmp(p, "qsThreadInfo")) {
        gdb_send_str(g, "l");
    } else if (starts(p, "qSymbol")) {
        gdb_send_str(g, "OK"); /* no symbols wanted */
    } else {
        gdb_send_str(g, ""); /* unknown: "not supported" */
    }
}

void gdb_handle_packet(struct gdb_stub *g, char *pkt, size_t len)
{
    if (strlen(pkt) != len && pkt[0] != 'X') return gdb_send_str(g, "E01"); /* NUL inside a text packet */
    const char *args = pkt + 1;
    switch (pkt[0]) {
    case '?': return gdb_send_str(g, g->last_stop);
    case 'g': return len == 1 ? cmd_read_all_regs(g) : reply_error(g);
    case 'G': return cmd_write_all_regs(g, args, len - 1);
    case 'p': return cmd_read_reg(g, args);
    case 'P': return cmd_write_reg(g, args);
    case 'm': return cmd_read_mem(g, args);
    case 'M': return cmd_write_mem_hex(g, args, len, pkt);
    case 'X': return cmd_write_mem_bin(g, args, len, pkt);
    case 'Z': return cmd_point(g, args, true);
    case 'z': return cmd_point(g, args, false);
    case 'c': return resume(g, false, args);
    case 's': return resume(g, true, args);
    case 'C': /* continue/step "with signal": the signal is not passed to the guest */
    case 'S': {
        const char *semi = strchr(args, ';');
        return resume(g, pkt[0] == 'S', semi ? semi + 1 : "");
    }
    case 'H': return cmd_set_thread(g, args);
    case 'T': return cmd_thread_alive(g, args);
    case 'q': return cmd_query(g, pkt);
    case 'Q':
        if (!strcmp(pkt, "QStartNoAckMode")) {
            gdb_send_str(g, "OK"); /* acknowledged in ack mode, then acks stop */
            g->no_ack = true;
            return;
        }
        return gdb_send_str(g, "");
    case 'D':
        gdb_send_str(g, "OK");
        gdb_clear_points(g);
        g->stepping = false;
        g->state = GDB_DETACHED;
        if (g->fd >= 0) close(g->fd);
        g->fd = -1;
        return;
    case 'k':
        fflush(stdout);
        if (g->cpu && g->cpu->system) { /* a machine: switch it off (atexit restores the terminal) */
            if (g->fd >= 0) close(g->fd);
            exit(0);
        }
        if (g->fd >= 0) close(g->fd);
        kill(getpid(), SIGKILL); /* the debugger ended it: die the way `kill -9` would */
        _exit(137);
    case 'v':
        if (!strcmp(pkt, "vCont?")) return gdb_send_str(g, "vCont;c;C;s;S;r");
        if (starts(pkt, "vCont;") || !strcmp(pkt, "vCont")) return cmd_vcont(g, pkt + 5);
        if (starts(pkt, "vKill")) {
            gdb_send_str(g, "OK");
            return gdb_handle_packet(g, (char[]){"k"}, 1);
        }
        return gdb_send_str(g, "");
    default: return gdb_send_str(g, "");
    }
}
