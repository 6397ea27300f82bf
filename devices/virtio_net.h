/*
 * devices/virtio_net.h — virtio-net (device ID 1) on a user-mode network
 * (devices/net_slirp.c).
 *
 * Two queues: 0 receive, 1 transmit; no offloads, so every buffer starts
 * with the 12-byte virtio_net_hdr (all zeros here) and carries one whole
 * Ethernet frame.  Offered: VIRTIO_NET_F_MAC (the address in the
 * configuration space) and VIRTIO_NET_F_STATUS (link always up).  Frames
 * from slirp wait in a small FIFO until the driver has posted receive
 * buffers; when it is full, new frames are dropped, as a NIC drops them
 * (TCP retransmits).
 */
#ifndef RVDBT_DEVICES_VIRTIO_NET_H
#define RVDBT_DEVICES_VIRTIO_NET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "devices/net_slirp.h"
#include "devices/virtio_mmio.h"

#define NET_RX_FIFO 64
#define NET_MAX_FRAME 1514

struct virtio_net {
    uint8_t mac[6];
    struct net_slirp *slirp;
    struct virtio_mmio *t;
    struct {
        uint16_t len;
        uint8_t data[NET_MAX_FRAME];
    } rx[NET_RX_FIFO];
    unsigned rx_head, rx_count;
    struct vq_chain chain;
};

bool dev_virtio_net_open(struct virtio_net *n, const uint8_t mac[6], const struct net_hostfwd *fwd, unsigned n_fwd,
                         char *err, size_t errlen);
void dev_virtio_net_close(struct virtio_net *n);
void dev_virtio_net_attach(struct virtio_net *n, struct virtio_mmio *t);

#endif
