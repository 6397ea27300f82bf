/*
 * devices/virtio_rng.h — virtio-rng (device ID 4): the host's getrandom()
 * into every buffer the driver offers on its one queue.
 */
#ifndef RVDBT_DEVICES_VIRTIO_RNG_H
#define RVDBT_DEVICES_VIRTIO_RNG_H

#include "devices/virtio_mmio.h"

struct virtio_rng {
    struct vq_chain chain;
};

void dev_virtio_rng_attach(struct virtio_rng *r, struct virtio_mmio *t);

#endif
