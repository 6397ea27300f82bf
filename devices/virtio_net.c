/*
 * devices/virtio_net.c — virtio-net's two queues between the guest driver
 * and the user network (devices/net_slirp.c); see virtio_net.h.
 */
#include "devices/virtio_net.h"

#include <string.h>

#define NET_F_MAC (1ull << 5)
#define NET_F_STATUS (1ull << 16)
#define NET_S_LINK_UP 1
#define HDR_LEN 12 /* struct virtio_net_hdr with num_buffers (always there with VERSION_1) */
#define RXQ 0
#define TXQ 1
#define MAX_TX_FRAME (NET_MAX_FRAME + 4) /* (a VLAN tag) */

/* A frame from slirp: kept until the driver posts a receive buffer. */
static void net_receive(void *opaque, const uint8_t *frame, size_t len)
{
    struct virtio_net *n = opaque;
    if (len > NET_MAX_FRAME || n->rx_count == NET_RX_FIFO) return; /* dropped, as a full NIC would */
    unsigned i = (n->rx_head + n->rx_count++) % NET_RX_FIFO;
    n->rx[i].len = (uint16_t)len;
    memcpy(n->rx[i].data, frame, len);
}

/* Moves waiting frames into the driver's receive buffers. */
static void deliver(struct virtio_net *n)
{
    struct virtio_mmio *t = n->t;
    while (n->rx_count && dev_virtio_mmio_live(t) && t->queue[RXQ].ready) {
        if (dev_virtio_mmio_pop(t, RXQ, &n->chain) != 1) return;
        const uint8_t *frame = n->rx[n->rx_head].data;
        size_t len = n->rx[n->rx_head].len;
        n->rx_head = (n->rx_head + 1) % NET_RX_FIFO;
        n->rx_count--;
        uint8_t hdr[HDR_LEN] = {0};
        hdr[10] = 1; /* num_buffers = 1 */
        uint32_t written = 0;
        if (n->chain.writable >= HDR_LEN + len && vq_chain_write(&n->chain, t->dma, 0, hdr, HDR_LEN) == HDR_LEN &&
            vq_chain_write(&n->chain, t->dma, HDR_LEN, frame, len) == (long)len)
            written = (uint32_t)(HDR_LEN + len);
        /* (a buffer too small for the frame comes back empty and the frame is dropped) */
        dev_virtio_mmio_push(t, RXQ, n->chain.head, written);
    }
}

static void transmit(struct virtio_net *n)
{
    struct virtio_mmio *t = n->t;
    uint8_t frame[MAX_TX_FRAME];
    while (dev_virtio_mmio_pop(t, TXQ, &n->chain) == 1) {
        if (n->chain.readable < HDR_LEN) {
            dev_virtio_mmio_device_error(t, "queue 1: a transmit buffer without its 12-byte header");
            return;
        }
        uint64_t len = n->chain.readable - HDR_LEN;
        /* (a frame longer than Ethernet allows is dropped: nothing offloads segmentation here) */
        if (len <= sizeof frame && vq_chain_read(&n->chain, t->dma, HDR_LEN, frame, (size_t)len) == (long)len)
            net_slirp_send(n->slirp, frame, (size_t)len);
        dev_virtio_mmio_push(t, TXQ, n->chain.head, 0);
    }
}

static void net_process(struct virtio_mmio *t, unsigned q)
{
    struct virtio_net *n = t->dev;
    if (q == TXQ) transmit(n);
    else deliver(n);
}

static void net_poll(struct virtio_mmio *t) { deliver(t->dev); }

static void net_reset(struct virtio_mmio *t)
{
    struct virtio_net *n = t->dev;
    n->rx_head = n->rx_count = 0;
}

static const struct virtio_device_ops net_ops = {.name = "virtio-net",
                                                 .device_id = VIRTIO_ID_NET,
                                                 .num_queues = 2,
                                                 .process = net_process,
                                                 .poll = net_poll,
                                                 .reset = net_reset};

bool dev_virtio_net_open(struct virtio_net *n, const uint8_t mac[6], const struct net_hostfwd *fwd, unsigned n_fwd,
                         char *err, size_t errlen)
{
    memcpy(n->mac, mac, 6);
    n->slirp = net_slirp_create(fwd, n_fwd, net_receive, n, err, errlen);
    return n->slirp != NULL;
}

void dev_virtio_net_close(struct virtio_net *n)
{
    net_slirp_destroy(n->slirp);
    n->slirp = NULL;
}

void dev_virtio_net_attach(struct virtio_net *n, struct virtio_mmio *t)
{
    n->t = t;
    dev_virtio_mmio_attach(t, &net_ops, n, NET_F_MAC | NET_F_STATUS, 10);
    uint16_t status = NET_S_LINK_UP;
    memcpy(t->config, n->mac, 6);
    memcpy(t->config + 6, &status, 2);
}
