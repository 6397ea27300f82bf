/*
 * devices/net_slirp.h — user-mode networking through libslirp (the NAT
 * stack QEMU uses for -netdev user): the guest's Ethernet frames go in,
 * slirp answers ARP, DHCP (10.0.2.15 for the guest), DNS (10.0.2.3) and
 * turns TCP/UDP to 10.0.2.2 into connections from the host to its own
 * 127.0.0.1; hostfwd rules forward host ports into the guest.
 *
 * Single-threaded: slirp never runs on its own; the run loop calls
 * net_slirp_poll() between runs of the engine (timeout 0, about once a
 * millisecond) and while the hart sleeps in wfi (with the sleep's timeout,
 * so host traffic wakes the guest).
 */
#ifndef RVDBT_DEVICES_NET_SLIRP_H
#define RVDBT_DEVICES_NET_SLIRP_H

#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define NET_MAX_HOSTFWD 8

/* hostfwd=[tcp|udp]:[HOSTADDR]:HOSTPORT-[GUESTADDR]:GUESTPORT (addresses in
 * network byte order; 0 = any host address / the guest's DHCP address). */
struct net_hostfwd {
    bool udp;
    uint32_t host_addr, guest_addr;
    uint16_t host_port, guest_port;
};

/* Parses one hostfwd rule.  False with a reason in err. */
bool net_parse_hostfwd(const char *s, struct net_hostfwd *out, char *err, size_t errlen);

struct net_slirp;
/* frames from slirp to the guest arrive through receive(). */
typedef void (*net_receive_fn)(void *opaque, const uint8_t *frame, size_t len);

/* NULL with a reason in err (e.g. a hostfwd port already in use). */
struct net_slirp *net_slirp_create(const struct net_hostfwd *fwd, unsigned n_fwd, net_receive_fn receive,
                                   void *opaque, char *err, size_t errlen);
void net_slirp_destroy(struct net_slirp *s);
/* A frame from the guest. */
void net_slirp_send(struct net_slirp *s, const uint8_t *frame, size_t len);
/* Waits up to timeout_ms for slirp's sockets (and extra_fd, if >= 0, for
 * input), runs slirp's timers and socket handlers.  Returns true if extra_fd
 * is readable. */
bool net_slirp_poll(struct net_slirp *s, int timeout_ms, int extra_fd);
/* The same with `lock` (held by the caller) released while it waits in
 * poll(): parallel harts keep using the devices meanwhile.  Only one thread
 * may poll. */
bool net_slirp_poll_unlocking(struct net_slirp *s, int timeout_ms, int extra_fd, pthread_mutex_t *lock);

#endif
