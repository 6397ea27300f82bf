/*
 * devices/virtqueue.h — split virtqueues (virtio 1.x, section 2.7): the
 * descriptor table, the available ring and the used ring in guest RAM.
 *
 * The guest is an adversary here: every address it gives (ring bases,
 * descriptor addresses) is checked against guest RAM before any byte moves,
 * every length is bounded, every chain is bounded by the queue size (a loop
 * in a chain is an error, not a hang), and memory is reached only through
 * the machine's DMA callbacks (struct vq_dma), never a host pointer.  A
 * violation makes vq_validate()/vq_pop() fail with a one-line reason; the
 * transport (devices/virtio_mmio.c) then sets DEVICE_NEEDS_RESET.
 *
 * Not offered (so never expected from the guest): indirect descriptors,
 * event-index suppression, packed queues.
 */
#ifndef RVDBT_DEVICES_VIRTQUEUE_H
#define RVDBT_DEVICES_VIRTQUEUE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define VQ_MAX_SIZE 256                 /* QueueNumMax of every queue */
#define VQ_MAX_CHAIN_BYTES (64u << 20)  /* a request moving more than this is refused */

/* Guest-physical memory as a device sees it (DMA).  read/write return false
 * when [pa, pa+len) is not guest RAM; ram_base/ram_size is that RAM. */
struct vq_dma {
    bool (*read)(void *opaque, uint64_t pa, void *dst, size_t len);
    bool (*write)(void *opaque, uint64_t pa, const void *src, size_t len);
    void *opaque;
    uint64_t ram_base, ram_size;
};

struct virtq {
    uint32_t num;                 /* QueueNum as the driver wrote it */
    bool ready;                   /* QueueReady, after vq_validate() accepted the queue */
    uint64_t desc, avail, used;   /* guest-physical ring addresses */
    uint16_t last_avail;          /* next available-ring entry to consume */
    uint16_t used_idx;            /* our copy of used->idx */
};

/* One descriptor of a chain, checked to lie in RAM. */
struct vq_seg {
    uint64_t addr;
    uint32_t len;
    bool write; /* device-writable (VIRTQ_DESC_F_WRITE) */
};

/* A chain taken from the available ring: device-readable segments first,
 * then device-writable ones (the order the spec requires). */
struct vq_chain {
    uint16_t head;
    unsigned n;
    uint64_t readable, writable; /* total bytes of each kind */
    struct vq_seg seg[VQ_MAX_SIZE];
};

void vq_reset(struct virtq *q);
/* Checks a queue the driver is making ready: size a power of two in
 * 1..max, rings aligned and wholly in RAM.  False with a reason in why. */
bool vq_validate(const struct virtq *q, const struct vq_dma *dma, unsigned max, char *why, size_t whylen);
/* Takes the next available chain into c: 1 if one was taken, 0 if the ring
 * is empty, -1 if the chain (or the ring) is malformed (reason in why). */
int vq_pop(struct virtq *q, const struct vq_dma *dma, struct vq_chain *c, char *why, size_t whylen);
/* Returns a chain to the driver through the used ring, `written` bytes
 * written into its writable segments.  False if the ring is unreachable. */
bool vq_push(struct virtq *q, const struct vq_dma *dma, uint16_t head, uint32_t written);

/* Copies between the chain's readable (resp. writable) bytes, as one
 * contiguous stream starting at `offset`, and a host buffer.  Return the
 * bytes copied (less than len at the end of the stream), or -1 on a DMA
 * failure. */
long vq_chain_read(const struct vq_chain *c, const struct vq_dma *dma, uint64_t offset, void *dst, size_t len);
long vq_chain_write(const struct vq_chain *c, const struct vq_dma *dma, uint64_t offset, const void *src, size_t len);

#endif
