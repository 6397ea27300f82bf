/*
 * devices/virtio_rng.c — virtio-rng: fills the driver's buffers from the host's getrandom().
 */
#include "devices/virtio_rng.h"

#include <sys/random.h>

#define MAX_PER_REQUEST 4096u /* bytes given per buffer, however large it is (the driver asks again) */

static void rng_process(struct virtio_mmio *t, unsigned q)
{
    struct virtio_rng *r = t->dev;
    while (dev_virtio_mmio_pop(t, q, &r->chain) == 1) {
        uint8_t buf[MAX_PER_REQUEST];
        size_t n = r->chain.writable < sizeof buf ? (size_t)r->chain.writable : sizeof buf;
        size_t got = 0;
        while (got < n) {
            ssize_t k = getrandom(buf + got, n - got, 0);
            if (k <= 0) break; /* (only EINTR is possible for these sizes) */
            got += (size_t)k;
        }
        long w = vq_chain_write(&r->chain, t->dma, 0, buf, got);
        dev_virtio_mmio_push(t, q, r->chain.head, w > 0 ? (uint32_t)w : 0);
    }
}

static const struct virtio_device_ops rng_ops = {
    .name = "virtio-rng", .device_id = VIRTIO_ID_RNG, .num_queues = 1, .process = rng_process};

void dev_virtio_rng_attach(struct virtio_rng *r, struct virtio_mmio *t)
{
    dev_virtio_mmio_attach(t, &rng_ops, r, 0, 0);
}
