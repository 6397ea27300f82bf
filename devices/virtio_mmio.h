/*
 * devices/virtio_mmio.h — the virtio-mmio transport (virtio 1.x, "modern",
 * Version register = 2), one per slot of QEMU virt's eight:
 * 0x1000_1000 + 0x1000*i, PLIC source 1 + i.  An empty slot answers with
 * device ID 0, as on QEMU, and the first device given on the command line
 * takes the highest slot (0x1000_8000), as on QEMU.
 *
 * The transport owns the registers (feature negotiation, status, queue
 * set-up, notifications, the interrupt status) and the queues' state; a
 * device (virtio_blk.c, virtio_rng.c, virtio_net.c) supplies its ID,
 * features, configuration space and what to do with a queue's chains.
 *
 * Notifications are not served inside the guest's store: the store marks
 * the queue and the run loop calls dev_virtio_mmio_process() between runs
 * of the engine, so device DMA never changes memory (or translated code)
 * under a running block.  A malformed queue is a device error: the status
 * gets DEVICE_NEEDS_RESET (0x40), a configuration-change interrupt is
 * raised, and the device does nothing more until the driver resets it.
 */
#ifndef RVDBT_DEVICES_VIRTIO_MMIO_H
#define RVDBT_DEVICES_VIRTIO_MMIO_H

#include <stdbool.h>
#include <stdint.h>

#include "devices/virtqueue.h"

#define VIRTIO_MMIO_BASE 0x10001000ull
#define VIRTIO_MMIO_SIZE 0x1000ull
#define VIRTIO_MMIO_SLOTS 8
#define VIRTIO_MMIO_IRQ 1 /* slot i interrupts on PLIC source VIRTIO_MMIO_IRQ + i */
#define VIRTIO_MAX_QUEUES 2
#define VIRTIO_CONFIG_MAX 64

#define VIRTIO_ID_NET 1
#define VIRTIO_ID_BLOCK 2
#define VIRTIO_ID_RNG 4

#define VIRTIO_F_VERSION_1 (1ull << 32)

#define VIRTIO_STATUS_ACKNOWLEDGE 1
#define VIRTIO_STATUS_DRIVER 2
#define VIRTIO_STATUS_DRIVER_OK 4
#define VIRTIO_STATUS_FEATURES_OK 8
#define VIRTIO_STATUS_NEEDS_RESET 0x40
#define VIRTIO_STATUS_FAILED 0x80

#define VIRTIO_INT_USED 1   /* InterruptStatus: a used buffer */
#define VIRTIO_INT_CONFIG 2 /* InterruptStatus: configuration change (or device error) */

struct virtio_mmio;

/* What a device plugs into the transport. */
struct virtio_device_ops {
    const char *name;     /* "virtio-blk", for messages */
    uint32_t device_id;
    unsigned num_queues;
    /* Serve the chains available on queue `q` (dev_virtio_mmio_pop/push). */
    void (*process)(struct virtio_mmio *t, unsigned q);
    /* Called by the run loop even without a notification (network input); may be NULL. */
    void (*poll)(struct virtio_mmio *t);
    /* The driver reset the device (status 0); may be NULL. */
    void (*reset)(struct virtio_mmio *t);
};

struct virtio_mmio {
    unsigned slot;
    const struct virtio_device_ops *ops; /* NULL: an empty slot */
    void *dev;                           /* the device's own state */
    const struct vq_dma *dma;
    uint64_t host_features;
    uint8_t config[VIRTIO_CONFIG_MAX];   /* device configuration space (little-endian) */
    unsigned config_len;
    /* registers */
    uint64_t driver_features;
    uint32_t device_features_sel, driver_features_sel, queue_sel;
    uint32_t status, interrupt_status;
    struct virtq queue[VIRTIO_MAX_QUEUES];
    uint32_t notified; /* queues notified and not yet served (bit per queue) */
    bool error_reported; /* one line on stderr per run, not one per error */
};

/* An empty slot (device ID 0). */
void dev_virtio_mmio_init(struct virtio_mmio *t, unsigned slot, const struct vq_dma *dma);
/* Puts a device in the slot; config_len bytes of configuration space. */
void dev_virtio_mmio_attach(struct virtio_mmio *t, const struct virtio_device_ops *ops, void *dev,
                            uint64_t features, unsigned config_len);
/* Machine reset: the transport as after power-on (the device's ops->reset too). */
void dev_virtio_mmio_reset(struct virtio_mmio *t);

bool dev_virtio_mmio_read(void *opaque, uint64_t offset, unsigned size, uint64_t *val);
bool dev_virtio_mmio_write(void *opaque, uint64_t offset, unsigned size, uint64_t val);

/* Run loop: serves notified queues, polls the device.  Returns true if
 * anything happened (an interrupt may have been raised). */
bool dev_virtio_mmio_process(struct virtio_mmio *t);
/* The slot's interrupt line (level): InterruptStatus is not zero. */
bool dev_virtio_mmio_irq(const struct virtio_mmio *t);
/* The device may use its queues: DRIVER_OK and no error. */
bool dev_virtio_mmio_live(const struct virtio_mmio *t);

/* For devices: the next chain of queue q (1), none (0); on a malformed
 * chain the device error is raised and -1 returned. */
int dev_virtio_mmio_pop(struct virtio_mmio *t, unsigned q, struct vq_chain *c);
/* Returns a chain with `written` bytes and raises the used-buffer interrupt. */
void dev_virtio_mmio_push(struct virtio_mmio *t, unsigned q, uint16_t head, uint32_t written);
/* Marks the device broken (DEVICE_NEEDS_RESET + configuration interrupt) and
 * reports `why` once on stderr. */
void dev_virtio_mmio_device_error(struct virtio_mmio *t, const char *why);

#endif
