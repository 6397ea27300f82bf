/*
 * devices/net_slirp.c — libslirp driven from the single-threaded run loop;
 * see net_slirp.h.  Owns the Slirp instance, its timers (a short list,
 * checked at every poll) and the pollfd array slirp fills.
 */
#include "devices/net_slirp.h"

#include <arpa/inet.h>
#include <errno.h>
#include <libslirp.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "devices/slirp_dyn.h"

struct slirp_timer {
    SlirpTimerCb cb;
    void *cb_opaque;
    int64_t expire_ms; /* -1: not armed */
    struct slirp_timer *next;
};

struct net_slirp {
    Slirp *slirp;
    net_receive_fn receive;
    void *opaque;
    struct slirp_timer *timers;
    struct pollfd *fds;
    unsigned n_fds, cap_fds;
    bool fds_failed; /* out of memory while filling: this poll is skipped */
};

static int64_t now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

/* ---- slirp's callbacks ------------------------------------------------------ */

static ssize_t cb_send_packet(const void *buf, size_t len, void *opaque)
{
    struct net_slirp *s = opaque;
    s->receive(s->opaque, buf, len);
    return (ssize_t)len;
}

static void cb_guest_error(const char *msg, void *opaque) { (void)msg, (void)opaque; }
static int64_t cb_clock_get_ns(void *opaque) { (void)opaque; return now_ns(); }

static void *cb_timer_new(SlirpTimerCb cb, void *cb_opaque, void *opaque)
{
    struct net_slirp *s = opaque;
    struct slirp_timer *t = calloc(1, sizeof *t);
    if (!t) return NULL;
    *t = (struct slirp_timer){cb, cb_opaque, -1, s->timers};
    s->timers = t;
    return t;
}

static void cb_timer_free(void *timer, void *opaque)
{
    struct net_slirp *s = opaque;
    for (struct slirp_timer **p = &s->timers; *p; p = &(*p)->next)
        if (*p == timer) {
            *p = (*p)->next;
            free(timer);
            return;
        }
}

static void cb_timer_mod(void *timer, int64_t expire_ms, void *opaque)
{
    (void)opaque;
    if (timer) ((struct slirp_timer *)timer)->expire_ms = expire_ms;
}

static void cb_no_fd(int fd, void *opaque) { (void)fd, (void)opaque; }
static void cb_notify(void *opaque) { (void)opaque; }

static const SlirpCb callbacks = {
    .send_packet = cb_send_packet,
    .guest_error = cb_guest_error,
    .clock_get_ns = cb_clock_get_ns,
    .timer_new = cb_timer_new,
    .timer_free = cb_timer_free,
    .timer_mod = cb_timer_mod,
    .register_poll_fd = cb_no_fd,
    .unregister_poll_fd = cb_no_fd,
    .notify = cb_notify,
};

/* ---- hostfwd rules ----------------------------------------------------------- */

/* "[ADDR]:PORT" */
static bool parse_endpoint(const char *s, size_t len, uint32_t *addr, uint16_t *port)
{
    const char *colon = memchr(s, ':', len);
    if (!colon) return false;
    char a[64], p[16];
    size_t alen = (size_t)(colon - s), plen = len - alen - 1;
    if (alen >= sizeof a || plen == 0 || plen >= sizeof p) return false;
    memcpy(a, s, alen), a[alen] = 0;
    memcpy(p, colon + 1, plen), p[plen] = 0;
    struct in_addr ia = {0};
    if (alen && inet_pton(AF_INET, a, &ia) != 1) return false;
    char *end;
    unsigned long v = strtoul(p, &end, 10);
    if (*end || v == 0 || v > 65535) return false;
    *addr = ia.s_addr;
    *port = (uint16_t)v;
    return true;
}

bool net_parse_hostfwd(const char *s, struct net_hostfwd *out, char *err, size_t errlen)
{
    memset(out, 0, sizeof *out);
    const char *rest = strchr(s, ':'), *dash;
    if (rest && (size_t)(rest - s) == 3 && !strncmp(s, "udp", 3)) out->udp = true;
    else if (!rest || !((rest == s) || ((size_t)(rest - s) == 3 && !strncmp(s, "tcp", 3)))) rest = NULL;
    if (rest) rest++;
    if (!rest || !(dash = strchr(rest, '-')) ||
        !parse_endpoint(rest, (size_t)(dash - rest), &out->host_addr, &out->host_port) ||
        !parse_endpoint(dash + 1, strlen(dash + 1), &out->guest_addr, &out->guest_port)) {
        snprintf(err, errlen, "bad hostfwd '%s' (want [tcp|udp]:[HOSTADDR]:HOSTPORT-[GUESTADDR]:GUESTPORT)", s);
        return false;
    }
    return true;
}

/* ---- the instance -------------------------------------------------------------- */

static struct in_addr ip(const char *s)
{
    struct in_addr a;
    inet_pton(AF_INET, s, &a);
    return a;
}

struct net_slirp *net_slirp_create(const struct net_hostfwd *fwd, unsigned n_fwd, net_receive_fn receive,
                                   void *opaque, char *err, size_t errlen)
{
    if (!slirp_dyn_load(err, errlen)) return NULL;
    struct net_slirp *s = calloc(1, sizeof *s);
    if (!s) {
        snprintf(err, errlen, "out of memory for the user network");
        return NULL;
    }
    s->receive = receive;
    s->opaque = opaque;
    /* QEMU's -netdev user defaults: 10.0.2.0/24, the host (gateway) 10.0.2.2, DNS 10.0.2.3, the guest from 10.0.2.15 */
    SlirpConfig cfg = {
        .version = 1,
        .in_enabled = true,
        .vnetwork = ip("10.0.2.0"),
        .vnetmask = ip("255.255.255.0"),
        .vhost = ip("10.0.2.2"),
        .vdhcp_start = ip("10.0.2.15"),
        .vnameserver = ip("10.0.2.3"),
        .vhostname = "rvdbt",
    };
    s->slirp = slirp_new(&cfg, &callbacks, s);
    if (!s->slirp) {
        snprintf(err, errlen, "cannot start the user network (libslirp)");
        free(s);
        return NULL;
    }
    for (unsigned i = 0; i < n_fwd; i++) {
        struct in_addr host = {fwd[i].host_addr}, guest = {fwd[i].guest_addr};
        if (slirp_add_hostfwd(s->slirp, fwd[i].udp, host, fwd[i].host_port, guest, fwd[i].guest_port) < 0) {
            char a[INET_ADDRSTRLEN] = "*";
            if (fwd[i].host_addr) inet_ntop(AF_INET, &host, a, sizeof a);
            snprintf(err, errlen, "hostfwd: cannot listen on %s %s:%u (port in use?)", fwd[i].udp ? "udp" : "tcp", a,
                     fwd[i].host_port);
            net_slirp_destroy(s);
            return NULL;
        }
    }
    return s;
}

void net_slirp_destroy(struct net_slirp *s)
{
    if (!s) return;
    slirp_cleanup(s->slirp); /* (frees its timers through cb_timer_free) */
    while (s->timers) {
        struct slirp_timer *t = s->timers;
        s->timers = t->next;
        free(t);
    }
    free(s->fds);
    free(s);
}

void net_slirp_send(struct net_slirp *s, const uint8_t *frame, size_t len)
{
    slirp_input(s->slirp, frame, (int)len);
}

static int add_poll(int fd, int events, void *opaque)
{
    struct net_slirp *s = opaque;
    if (s->n_fds == s->cap_fds) {
        unsigned cap = s->cap_fds ? 2 * s->cap_fds : 16;
        struct pollfd *f = realloc(s->fds, cap * sizeof *f);
        if (!f) {
            s->fds_failed = true;
            return -1;
        }
        s->fds = f;
        s->cap_fds = cap;
    }
    short ev = 0;
    if (events & SLIRP_POLL_IN) ev |= POLLIN;
    if (events & SLIRP_POLL_OUT) ev |= POLLOUT;
    if (events & SLIRP_POLL_PRI) ev |= POLLPRI;
    s->fds[s->n_fds] = (struct pollfd){fd, ev, 0};
    return (int)s->n_fds++;
}

static int get_revents(int idx, void *opaque)
{
    struct net_slirp *s = opaque;
    if (idx < 0 || (unsigned)idx >= s->n_fds) return 0;
    short r = s->fds[idx].revents;
    int ev = 0;
    if (r & POLLIN) ev |= SLIRP_POLL_IN;
    if (r & POLLOUT) ev |= SLIRP_POLL_OUT;
    if (r & POLLPRI) ev |= SLIRP_POLL_PRI;
    if (r & POLLERR) ev |= SLIRP_POLL_ERR;
    if (r & POLLHUP) ev |= SLIRP_POLL_HUP;
    return ev;
}

static void run_timers(struct net_slirp *s)
{
    int64_t now = now_ns() / 1000000;
    /* a callback may re-arm or free timers: restart the walk after each one */
    for (bool fired = true; fired;) {
        fired = false;
        for (struct slirp_timer *t = s->timers; t; t = t->next)
            if (t->expire_ms >= 0 && t->expire_ms <= now) {
                t->expire_ms = -1;
                t->cb(t->cb_opaque);
                fired = true;
                break;
            }
    }
}

bool net_slirp_poll(struct net_slirp *s, int timeout_ms, int extra_fd) { return net_slirp_poll_unlocking(s, timeout_ms, extra_fd, NULL); }

bool net_slirp_poll_unlocking(struct net_slirp *s, int timeout_ms, int extra_fd, pthread_mutex_t *lock)
{
    s->n_fds = 0;
    s->fds_failed = false;
    uint32_t timeout = timeout_ms > 0 ? (uint32_t)timeout_ms : 0;
    slirp_pollfds_fill(s->slirp, &timeout, add_poll, s);
    int64_t now = now_ns() / 1000000;
    for (struct slirp_timer *t = s->timers; t; t = t->next)
        if (t->expire_ms >= 0) {
            int64_t left = t->expire_ms > now ? t->expire_ms - now : 0;
            if (left < (int64_t)timeout) timeout = (uint32_t)left;
        }
    int extra = -1;
    if (extra_fd >= 0 && add_poll(extra_fd, SLIRP_POLL_IN, s) >= 0) extra = (int)s->n_fds - 1;
    if (lock) pthread_mutex_unlock(lock); /* (slirp's own calls stay under the lock) */
    int r = s->fds_failed ? -1 : poll(s->fds, s->n_fds, (int)timeout);
    if (lock) pthread_mutex_lock(lock);
    slirp_pollfds_poll(s->slirp, r < 0, get_revents, s);
    run_timers(s);
    return r > 0 && extra >= 0 && (s->fds[extra].revents & (POLLIN | POLLHUP | POLLERR));
}
