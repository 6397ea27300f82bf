/*
 * frontends/gdb/gdb_conn.c — the GDB stub's connection: the listening socket,
 * sending and receiving packets, the conversation while the guest is
 * stopped, and the Ctrl-C watcher.
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

#include "frontends/gdb/gdbstub_internal.h"
#include "frontends/common/host_fds.h"

/* The process's stub, for gdb_stub_killed() on the death path. */
struct gdb_stub *gdb_active_stub;

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
    pthread_mutex_init(&g->lock, NULL);
    pthread_cond_init(&g->resume_cv, NULL);
    pthread_cond_init(&g->gather_cv, NULL);
    snprintf(g->last_stop, sizeof g->last_stop, "T%02xthread:1;", GDB_SIGTRAP);
    gdb_active_stub = g;
    return g;
}

/* Closes the connection and runs on without a debugger. */
void gdb_drop_connection(struct gdb_stub *g)
{
    if (g->fd >= 0) close(g->fd);
    g->fd = -1;
    g->state = GDB_DETACHED;
    gdb_clear_points(g);
    g->stepping = false;
}

bool gdb_connection_pending(struct gdb_stub *g)
{
    struct pollfd p = {g->listen_fd, POLLIN, 0};
    return g->listen_fd >= 0 && poll(&p, 1, 0) > 0;
}

bool gdb_accept_debugger(struct gdb_stub *g)
{
    if (!g->attach_later) /* (attach_later announced itself when it was set) */
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
    host_fds_claim(g->fd); /* the guest must not write into the debugger's connection */
    host_fds_release(g->listen_fd);
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
    if (!write_all(g->fd, g->tx, g->tx_len)) gdb_drop_connection(g);
}

void gdb_send_str(struct gdb_stub *g, const char *payload) { gdb_send(g, payload, strlen(payload)); }

void gdb_report_stop(struct gdb_stub *g, int gdb_sig, const char *extra)
{
    snprintf(g->last_stop, sizeof g->last_stop, "T%02x%sthread:%x;", gdb_sig & 0xff, extra ? extra : "",
             g->threaded ? (unsigned)g->stop_tid : 1u);
    g->reg_tid = 0; /* a stop shows the thread that stopped */
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
void gdb_serve(struct gdb_stub *g)
{
    while (g->state == GDB_STOPPED) {
        enum gdb_rx_event ev = next_event(g);
        switch (ev) {
        case GDB_RX_NONE: gdb_drop_connection(g); return;
        case GDB_RX_BAD_PACKET:
            if (!g->no_ack && !write_all(g->fd, "-", 1)) gdb_drop_connection(g);
            break;
        case GDB_RX_NAK:
            if (g->tx_len && !write_all(g->fd, g->tx, g->tx_len)) gdb_drop_connection(g);
            break;
        case GDB_RX_PACKET:
            if (!g->no_ack && !write_all(g->fd, "+", 1)) {
                gdb_drop_connection(g);
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
bool gdb_check_input(struct gdb_stub *g, bool known_ready)
{
    if (g->in_pos == g->in_len) {
        struct pollfd p = {g->fd, POLLIN, 0};
        if (!known_ready && poll(&p, 1, 0) <= 0) return false;
        if (!fill_input(g)) {
            gdb_drop_connection(g);
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
        if (!g->threaded) {
            __atomic_store_n(&g->cpu->exit_request, 1, __ATOMIC_SEQ_CST); /* as a signal handler would */
        } else { /* every thread: the first back in the stub reports the Ctrl-C (gdb_threads.c) */
            pthread_mutex_lock(&g->lock);
            for (struct gdb_thread *t = g->thread_list; t; t = t->next)
                __atomic_store_n(&t->cpu->exit_request, 1, __ATOMIC_SEQ_CST);
            pthread_mutex_unlock(&g->lock);
        }
    }
    return NULL;
}

bool gdb_start_watcher(struct gdb_stub *g)
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
bool gdb_stop_watcher(struct gdb_stub *g)
{
    char c = 1, buf[16];
    while (write(g->wake[1], &c, 1) < 0 && errno == EINTR) {}
    pthread_join(g->watcher, NULL);
    while (read(g->wake[0], buf, sizeof buf) < 0 && errno == EINTR) {} /* one byte per stop: drained */
    return __atomic_load_n(&g->input_ready, __ATOMIC_SEQ_CST);
}
