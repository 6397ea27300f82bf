/*
 * frontends/gdbstub.c — the GDB stub's connection and run control.
 *
 * This half owns the socket (listen, accept, read, write), the loop that
 * talks to GDB while the guest is stopped, and how the guest runs when GDB
 * says step or continue (the strategy is explained in gdbstub.h).  What each
 * packet means is in gdb_commands.c; the wire format in gdb_packets.c.
 *
 * Ctrl-C while the engine runs freely: a helper thread blocks in poll() on
 * the socket and, when GDB sends anything, sets cpu->exit_request — the flag
 * host signals already use to make the interpreter and translated code
 * return at the next instruction or block boundary.  The thread exists only
 * while engine_run() does, has every signal blocked (host signals are the
 * guest's and must reach the main thread), and is woken through a pipe when
 * the engine returns for another reason.  A guest blocked in a system call
 * (e.g. reading the terminal) is interrupted only once the call returns.
 */
#include "frontends/gdbstub_internal.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "cpu/interp.h"
#include "mmu/mmu.h"

/* The process's stub, for gdb_stub_killed() on the death path. */
static struct gdb_stub *active_stub;

bool gdb_parse_port(const char *text, int *port)
{
    char *end;
    errno = 0;
    long v = strtol(text, &end, 10);
    if (end == text || *end || errno || v < 1 || v > 65535 || text[0] == '-' || text[0] == '+') return false;
    *port = (int)v;
    return true;
}

struct gdb_stub *gdb_stub_listen(int port)
{
    struct gdb_stub *g = calloc(1, sizeof *g);
    if (!g) {
        fprintf(stderr, "rvdbt: out of memory for the GDB stub\n");
        return NULL;
    }
    g->fd = -1;
    g->port = port;
    g->listen_fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    int one = 1;
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons((uint16_t)port),
                            .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
    if (g->listen_fd < 0 || setsockopt(g->listen_fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one) ||
        bind(g->listen_fd, (struct sockaddr *)&a, sizeof a) || listen(g->listen_fd, 1) ||
        pipe2(g->wake, O_CLOEXEC)) {
        fprintf(stderr, "rvdbt: -g %d: cannot listen on 127.0.0.1:%d: %s\n", port, port, strerror(errno));
        if (g->listen_fd >= 0) close(g->listen_fd);
        free(g);
        return NULL;
    }
    gdb_rx_init(&g->rx);
    snprintf(g->last_stop, sizeof g->last_stop, "T%02xthread:1;", GDB_SIGTRAP);
    active_stub = g;
    return g;
}

/* Closes the connection and runs on without a debugger. */
static void drop_connection(struct gdb_stub *g)
{
    if (g->fd >= 0) close(g->fd);
    g->fd = -1;
    g->state = GDB_DETACHED;
    gdb_clear_points(g);
    g->stepping = false;
}

static bool accept_debugger(struct gdb_stub *g)
{
    fprintf(stderr, "rvdbt: waiting for GDB on 127.0.0.1:%d (in gdb-multiarch: target remote :%d)\n", g->port,
            g->port);
    for (;;) {
        g->fd = accept4(g->listen_fd, NULL, NULL, SOCK_CLOEXEC);
        if (g->fd >= 0) break;
        if (errno != EINTR) {
            fprintf(stderr, "rvdbt: GDB stub: accept failed: %s; running without the debugger\n", strerror(errno));
            return false;
        }
    }
    close(g->listen_fd); /* one debugger per run, as qemu-riscv64 */
    g->listen_fd = -1;
    int one = 1;
    setsockopt(g->fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one); /* replies are small and latency matters */
    return true;
}

static bool write_all(int fd, const char *p, size_t n)
{
    while (n) {
        ssize_t w = send(fd, p, n, MSG_NOSIGNAL); /* a closed socket must not kill us with SIGPIPE */
        if (w < 0 && errno == EINTR) continue;
        if (w <= 0) return false;
        p += w, n -= (size_t)w;
    }
    return true;
}

void gdb_send(struct gdb_stub *g, const char *payload, size_t len)
{
    if (g->fd < 0) return;
    g->tx_len = gdb_frame(g->tx, sizeof g->tx, payload, len);
    if (!g->tx_len) g->tx_len = gdb_frame(g->tx, sizeof g->tx, "E01", 3); /* cannot happen: replies are bounded */
    if (!write_all(g->fd, g->tx, g->tx_len)) drop_connection(g);
}

void gdb_send_str(struct gdb_stub *g, const char *payload) { gdb_send(g, payload, strlen(payload)); }

void gdb_report_stop(struct gdb_stub *g, int gdb_sig, const char *extra)
{
    snprintf(g->last_stop, sizeof g->last_stop, "T%02x%sthread:1;", gdb_sig & 0xff, extra ? extra : "");
    g->state = GDB_STOPPED;
    g->stepping = false;
    gdb_send_str(g, g->last_stop);
}

/* Reads more input (blocking); false if the connection is gone. */
static bool fill_input(struct gdb_stub *g)
{
    for (;;) {
        ssize_t n = read(g->fd, g->in, sizeof g->in);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return false;
        g->in_pos = 0;
        g->in_len = (size_t)n;
        return true;
    }
}

/* The next event from GDB (blocking).  GDB_RX_NONE means the connection is gone. */
static enum gdb_rx_event next_event(struct gdb_stub *g)
{
    for (;;) {
        if (g->in_pos == g->in_len && !fill_input(g)) return GDB_RX_NONE;
        enum gdb_rx_event ev = gdb_rx_feed(&g->rx, g->in[g->in_pos++]);
        if (ev != GDB_RX_NONE) return ev;
    }
}

/* Talks to GDB while the guest is stopped, until a command resumes it. */
static void serve(struct gdb_stub *g)
{
    while (g->state == GDB_STOPPED) {
        enum gdb_rx_event ev = next_event(g);
        switch (ev) {
        case GDB_RX_NONE: drop_connection(g); return;
        case GDB_RX_BAD_PACKET:
            if (!g->no_ack && !write_all(g->fd, "-", 1)) drop_connection(g);
            break;
        case GDB_RX_NAK:
            if (g->tx_len && !write_all(g->fd, g->tx, g->tx_len)) drop_connection(g);
            break;
        case GDB_RX_PACKET:
            if (!g->no_ack && !write_all(g->fd, "+", 1)) {
                drop_connection(g);
                return;
            }
            gdb_handle_packet(g, g->rx.buf, g->rx.len);
            break;
        default: break; /* '+', or Ctrl-C while already stopped */
        }
    }
}

/* While the guest runs: did GDB send something (Ctrl-C, or hang up)?
 * Consumes it; true if the guest should stop.  `known_ready`: the watcher
 * saw input, so read without polling first. */
static bool check_input(struct gdb_stub *g, bool known_ready)
{
    if (g->in_pos == g->in_len) {
        struct pollfd p = {g->fd, POLLIN, 0};
        if (!known_ready && poll(&p, 1, 0) <= 0) return false;
        if (!fill_input(g)) {
            drop_connection(g);
            return false;
        }
    }
    bool stop = false;
    while (g->in_pos < g->in_len) {
        uint8_t c = g->in[g->in_pos];
        enum gdb_rx_event ev = gdb_rx_feed(&g->rx, c);
        g->in_pos++;
        if (ev == GDB_RX_INTERRUPT) stop = true;
        /* Packets while running are not expected in all-stop mode; ignore them. */
    }
    return stop;
}

/* ---- the Ctrl-C watcher ------------------------------------------------- */

static void *watcher_main(void *arg)
{
    struct gdb_stub *g = arg;
    struct pollfd p[2] = {{g->fd, POLLIN, 0}, {g->wake[0], POLLIN, 0}};
    while (poll(p, 2, -1) < 0 && errno == EINTR) {}
    if (p[0].revents) {
        __atomic_store_n(&g->input_ready, 1, __ATOMIC_SEQ_CST);
        __atomic_store_n(&g->cpu->exit_request, 1, __ATOMIC_SEQ_CST); /* as a signal handler would */
    }
    return NULL;
}

static bool start_watcher(struct gdb_stub *g)
{
    sigset_t all, old;
    sigfillset(&all);
    pthread_sigmask(SIG_SETMASK, &all, &old);
    g->input_ready = 0;
    bool ok = pthread_create(&g->watcher, NULL, watcher_main, g) == 0;
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    return ok;
}

/* Stops the watcher; true if it saw input. */
static bool stop_watcher(struct gdb_stub *g)
{
    char c = 1, buf[16];
    while (write(g->wake[1], &c, 1) < 0 && errno == EINTR) {}
    pthread_join(g->watcher, NULL);
    while (read(g->wake[0], buf, sizeof buf) < 0 && errno == EINTR) {} /* one byte per stop: drained */
    return __atomic_load_n(&g->input_ready, __ATOMIC_SEQ_CST);
}

/* ---- running the guest ---------------------------------------------------- */

/* The memory range [*addr, *addr + *size) the instruction at pc would access
 * and how (GDB_WATCH_READ / WRITE, or ACCESS for both); 0 if none. */
static int access_of(struct cpu *cpu, uint64_t *addr, uint64_t *size)
{
    struct rv_insn in;
    if (!cpu_fetch_decode(cpu, &in)) return 0; /* it will trap when executed */
    uint16_t flags = rv_insn_info[in.op].flags;
    if (!(flags & (RV_F_LOAD | RV_F_STORE | RV_F_AMO))) return 0;
    *addr = cpu->x[in.rs1] + (uint64_t)((flags & RV_F_AMO) ? 0 : in.imm);
    *size = 1ull << (in.rm & 3); /* funct3's low bits give the width: b, h, w, d */
    if (flags & RV_F_LOAD) return GDB_WATCH_READ;
    if (flags & RV_F_STORE) return GDB_WATCH_WRITE;
    if (in.op == RV_OP_LR_W || in.op == RV_OP_LR_D) return GDB_WATCH_READ;
    if (in.op == RV_OP_SC_W || in.op == RV_OP_SC_D) return GDB_WATCH_WRITE;
    return GDB_WATCH_ACCESS; /* amoswap, amoadd, ...: read and write */
}

/* The watchpoint the instruction at pc triggers, formatted as a stop-reply
 * part ("watch:addr;"), or "" if none. */
static void watch_hit(struct gdb_stub *g, struct cpu *cpu, char *out, size_t size)
{
    out[0] = 0;
    uint64_t a, n;
    int how = access_of(cpu, &a, &n);
    if (!how) return;
    for (int i = 0; i < g->n_wp; i++) {
        const struct gdb_watchpoint *w = &g->wp[i];
        if (a >= w->addr + w->len || w->addr >= a + n) continue;
        bool reads = how != GDB_WATCH_WRITE, writes = how != GDB_WATCH_READ;
        const char *name = NULL;
        if (w->kind == GDB_WATCH_WRITE && writes) name = "watch";
        else if (w->kind == GDB_WATCH_READ && reads) name = "rwatch";
        else if (w->kind == GDB_WATCH_ACCESS) name = "awatch";
        if (!name) continue;
        snprintf(out, size, "%s:%llx;", name, (unsigned long long)w->addr);
        return;
    }
}

enum step_result { STEP_DONE, STEP_TRAP, STEP_INTERRUPTED, STEP_WATCH };

/* Executes one instruction with the interpreter — unless it would touch a
 * watched range: then it is not executed, `hit` names the watchpoint and the
 * result is STEP_WATCH.  Stopping *before* the access is what GDB expects on
 * RISC-V (it marks watchpoints "non-steppable", as the RISC-V debug
 * triggers fire before the instruction): GDB then removes the watchpoints,
 * steps over the instruction itself and compares the old and new values.
 * The first instruction after a watchpoint stop is not checked again, so a
 * client that resumes without stepping over it still makes progress. */
static enum step_result step_one(struct gdb_stub *g, struct cpu *cpu, char *hit, size_t hit_size)
{
    hit[0] = 0;
    bool skip = g->skip_watch_once && cpu->pc == g->watch_stop_pc;
    if (g->n_wp && !skip) watch_hit(g, cpu, hit, hit_size);
    if (hit[0]) {
        g->skip_watch_once = true;
        g->watch_stop_pc = cpu->pc;
        return STEP_WATCH;
    }
    g->skip_watch_once = false;
    uint64_t before = cpu->instret;
    if (cpu_run_interp(cpu, 1)) return STEP_TRAP;
    /* No trap and nothing retired: a host signal raised exit_request first. */
    return cpu->instret == before ? STEP_INTERRUPTED : STEP_DONE;
}

/* Continue while watchpoints exist: the interpreter, one instruction at a
 * time, checking each load and store before it runs. */
static enum engine_stop run_checked(struct gdb_stub *g, struct cpu *cpu)
{
    char hit[48];
    for (unsigned n = 0;; n++) {
        if ((n & 4095) == 4095 && check_input(g, false)) {
            gdb_report_stop(g, GDB_SIGINT, NULL);
            return ENGINE_EXIT_REQUEST;
        }
        if (g->state != GDB_RUNNING) return ENGINE_EXIT_REQUEST; /* the debugger hung up */
        switch (step_one(g, cpu, hit, sizeof hit)) {
        case STEP_TRAP: return ENGINE_TRAP;
        case STEP_INTERRUPTED: return ENGINE_EXIT_REQUEST;
        case STEP_WATCH: gdb_report_stop(g, GDB_SIGTRAP, hit); return ENGINE_EXIT_REQUEST;
        case STEP_DONE: break;
        }
    }
}

/* Continue with nothing to check: the chosen engine, with the watcher. */
static enum engine_stop run_free(struct gdb_stub *g, struct engine *e, struct cpu *cpu)
{
    if (check_input(g, false)) { /* a Ctrl-C already waiting */
        g->pending_interrupt = true;
        return ENGINE_EXIT_REQUEST;
    }
    if (g->state != GDB_RUNNING) return ENGINE_EXIT_REQUEST;
    g->skip_watch_once = false; /* GDB stepped over the access its own way */
    if (!start_watcher(g)) return engine_run(e, cpu); /* no thread: no Ctrl-C, still correct */
    enum engine_stop stop = engine_run(e, cpu);
    if (stop_watcher(g) && check_input(g, true)) g->pending_interrupt = true;
    return stop;
}

/* A breakpoint trap at one of the debugger's breakpoints (a guest's own
 * ebreak elsewhere is the guest's business: SIGTRAP). */
static bool is_our_ebreak(struct gdb_stub *g, const struct cpu *cpu)
{
    return cpu->trap_cause == RV_CAUSE_BREAKPOINT && gdb_bp_at(g, cpu->pc);
}

/* Copies the auxiliary vector from the initial stack, as Linux lays it out
 * (sp: argc, argv[], NULL, envp[], NULL, then (key, value) pairs up to
 * AT_NULL).  Called before the first instruction, while the stack is
 * still pristine; a stack that does not look like that leaves it empty
 * (GDB then assumes the program was not relocated). */
static void snapshot_auxv(struct gdb_stub *g, struct cpu *cpu)
{
    uint64_t sp = cpu->x[2], argc, word = 1;
    g->auxv_len = 0;
    if (mmu_read_bytes(cpu->mmu, sp, &argc, 8, MMU_READ) != MMU_OK || argc > (1u << 20)) return;
    uint64_t a = sp + 8 * (argc + 2); /* past argc, argv[] and its NULL */
    for (int n = 0; word && n < (1 << 20); n++, a += 8) /* past envp[] and its NULL */
        if (mmu_read_bytes(cpu->mmu, a, &word, 8, MMU_READ) != MMU_OK) return;
    for (size_t len = 0; len + 16 <= sizeof g->auxv; len += 16, a += 16) {
        uint64_t pair[2];
        if (mmu_read_bytes(cpu->mmu, a, pair, 16, MMU_READ) != MMU_OK) return;
        memcpy(g->auxv + len, pair, 16);
        if (pair[0] == 0) { /* AT_NULL ends it, and is part of it */
            g->auxv_len = len + 16;
            return;
        }
    }
}

enum engine_stop gdb_stub_run(struct gdb_stub *g, struct engine *e, struct cpu *cpu)
{
    g->cpu = cpu;
    if (g->state == GDB_WAITING) {
        snapshot_auxv(g, cpu);
        if (accept_debugger(g)) g->state = GDB_STOPPED;
        else drop_connection(g);
    }
    for (;;) {
        /* Back from a trap the frontend handled (a system call): a step is done. */
        if (g->after_trap) {
            g->after_trap = false;
            if (g->state == GDB_RUNNING && g->stepping) gdb_report_stop(g, GDB_SIGTRAP, NULL);
        }
        if (g->pending_interrupt && g->state == GDB_RUNNING) gdb_report_stop(g, GDB_SIGINT, NULL);
        g->pending_interrupt = false;
        if (g->state == GDB_STOPPED) serve(g);
        if (g->state == GDB_DETACHED) return engine_run(e, cpu);
        if (g->state != GDB_RUNNING) continue;
        /* A host signal for the guest: let the frontend deliver it first. */
        if (cpu->exit_request) return ENGINE_EXIT_REQUEST;

        enum engine_stop stop;
        if (g->stepping) {
            char hit[48];
            enum step_result r = step_one(g, cpu, hit, sizeof hit);
            if (r == STEP_INTERRUPTED) return ENGINE_EXIT_REQUEST;
            if (r == STEP_TRAP && is_our_ebreak(g, cpu)) {
                gdb_report_stop(g, GDB_SIGTRAP, NULL);
                continue;
            }
            if (r == STEP_TRAP) {
                g->after_trap = true;
                return ENGINE_TRAP;
            }
            gdb_report_stop(g, GDB_SIGTRAP, r == STEP_WATCH ? hit : NULL);
            continue;
        }
        if (g->n_wp) {
            stop = run_checked(g, cpu);
            if (stop == ENGINE_EXIT_REQUEST && !cpu->exit_request) continue; /* our own stop */
        } else {
            stop = run_free(g, e, cpu);
        }
        if (stop == ENGINE_TRAP && is_our_ebreak(g, cpu)) {
            gdb_report_stop(g, GDB_SIGTRAP, NULL);
            continue;
        }
        if (stop == ENGINE_TRAP) g->after_trap = true;
        return stop;
    }
}

void gdb_stub_fatal_signal(struct gdb_stub *g, struct cpu *cpu, int host_sig)
{
    g->cpu = cpu;
    if (g->state != GDB_RUNNING && g->state != GDB_STOPPED) return;
    gdb_report_stop(g, gdb_signal_from_host(host_sig), NULL);
    serve(g); /* returns on continue, step or detach: the guest then dies */
}

void gdb_stub_exited(struct gdb_stub *g, int status)
{
    if (g->fd >= 0 && g->state != GDB_DETACHED) {
        char reply[8];
        snprintf(reply, sizeof reply, "W%02x", status & 0xff);
        gdb_send_str(g, reply);
    }
    if (g->fd >= 0) close(g->fd);
    if (g->listen_fd >= 0) close(g->listen_fd);
    close(g->wake[0]);
    close(g->wake[1]);
    if (active_stub == g) active_stub = NULL;
    free(g);
}

void gdb_stub_killed(int host_sig)
{
    struct gdb_stub *g = active_stub;
    if (!g || g->fd < 0 || g->state == GDB_DETACHED) return;
    char reply[8];
    snprintf(reply, sizeof reply, "X%02x", gdb_signal_from_host(host_sig) & 0xff);
    gdb_send_str(g, reply);
    close(g->fd);
    g->fd = -1;
}

void gdb_stub_forget(struct gdb_stub *g)
{
    if (g->fd >= 0) close(g->fd);
    if (g->listen_fd >= 0) close(g->listen_fd);
    g->fd = g->listen_fd = -1;
    g->state = GDB_DETACHED;
    gdb_clear_points(g); /* the child's copy of the code must not keep our ebreaks */
}
