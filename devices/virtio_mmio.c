/*
 * devices/virtio_mmio.c — the virtio-mmio registers (virtio 1.x section 4.2.2)
 * and the device-error path; see virtio_mmio.h.
 */
#include "devices/virtio_mmio.h"

#include <stdio.h>
#include <string.h>

enum {
    REG_MAGIC = 0x000, REG_VERSION = 0x004, REG_DEVICE_ID = 0x008, REG_VENDOR_ID = 0x00c,
    REG_DEVICE_FEATURES = 0x010, REG_DEVICE_FEATURES_SEL = 0x014,
    REG_DRIVER_FEATURES = 0x020, REG_DRIVER_FEATURES_SEL = 0x024,
    REG_QUEUE_SEL = 0x030, REG_QUEUE_NUM_MAX = 0x034, REG_QUEUE_NUM = 0x038, REG_QUEUE_READY = 0x044,
    REG_QUEUE_NOTIFY = 0x050, REG_INTERRUPT_STATUS = 0x060, REG_INTERRUPT_ACK = 0x064, REG_STATUS = 0x070,
    REG_QUEUE_DESC_LOW = 0x080, REG_QUEUE_DESC_HIGH = 0x084, REG_QUEUE_DRIVER_LOW = 0x090,
    REG_QUEUE_DRIVER_HIGH = 0x094, REG_QUEUE_DEVICE_LOW = 0x0a0, REG_QUEUE_DEVICE_HIGH = 0x0a4,
    REG_CONFIG_GENERATION = 0x0fc, REG_CONFIG = 0x100,
};
#define MAGIC 0x74726976u     /* "virt" */
#define VENDOR_QEMU 0x554d4551u /* "QEMU": the vendor ID QEMU's devices report */

void dev_virtio_mmio_init(struct virtio_mmio *t, unsigned slot, const struct vq_dma *dma)
{
    memset(t, 0, sizeof *t);
    t->slot = slot;
    t->dma = dma;
}

void dev_virtio_mmio_attach(struct virtio_mmio *t, const struct virtio_device_ops *ops, void *dev,
                            uint64_t features, unsigned config_len)
{
    t->ops = ops;
    t->dev = dev;
    t->host_features = features | VIRTIO_F_VERSION_1;
    t->config_len = config_len <= VIRTIO_CONFIG_MAX ? config_len : VIRTIO_CONFIG_MAX;
}

/* The driver wrote 0 to Status, or the machine was reset. */
static void reset_transport(struct virtio_mmio *t)
{
    t->driver_features = 0;
    t->device_features_sel = t->driver_features_sel = t->queue_sel = 0;
    t->status = t->interrupt_status = t->notified = 0;
    for (unsigned q = 0; q < VIRTIO_MAX_QUEUES; q++) vq_reset(&t->queue[q]);
    if (t->ops && t->ops->reset) t->ops->reset(t);
}

void dev_virtio_mmio_reset(struct virtio_mmio *t)
{
    reset_transport(t);
    t->error_reported = false;
}

bool dev_virtio_mmio_live(const struct virtio_mmio *t)
{
    return t->ops && (t->status & VIRTIO_STATUS_DRIVER_OK) && !(t->status & VIRTIO_STATUS_NEEDS_RESET);
}

bool dev_virtio_mmio_irq(const struct virtio_mmio *t)
{
    return t->interrupt_status != 0;
}

void dev_virtio_mmio_device_error(struct virtio_mmio *t, const char *why)
{
    t->status |= VIRTIO_STATUS_NEEDS_RESET;
    t->interrupt_status |= VIRTIO_INT_CONFIG;
    t->notified = 0;
    if (!t->error_reported) { /* a hostile driver must not flood the host's terminal */
        t->error_reported = true;
        fprintf(stderr, "rvdbt: %s at 0x%llx: %s; device needs reset\n", t->ops->name,
                (unsigned long long)(VIRTIO_MMIO_BASE + VIRTIO_MMIO_SIZE * t->slot), why);
    }
}

static struct virtq *selected(struct virtio_mmio *t)
{
    return t->ops && t->queue_sel < t->ops->num_queues ? &t->queue[t->queue_sel] : NULL;
}

bool dev_virtio_mmio_read(void *opaque, uint64_t offset, unsigned size, uint64_t *val)
{
    struct virtio_mmio *t = opaque;
    *val = 0;
    if (offset >= REG_CONFIG) { /* configuration space: any width */
        uint64_t off = offset - REG_CONFIG;
        if (t->ops && off < t->config_len && size <= t->config_len - off) memcpy(val, t->config + off, size);
        return true;
    }
    if (size != 4) return true; /* registers are 32-bit; other widths read as 0 (as on QEMU) */
    struct virtq *q = selected(t);
    switch (offset) {
    case REG_MAGIC: *val = MAGIC; break;
    case REG_VERSION: *val = 2; break;
    case REG_DEVICE_ID: *val = t->ops ? t->ops->device_id : 0; break;
    case REG_VENDOR_ID: *val = VENDOR_QEMU; break;
    case REG_DEVICE_FEATURES:
        if (t->ops && t->device_features_sel < 2) *val = (uint32_t)(t->host_features >> (32 * t->device_features_sel));
        break;
    case REG_QUEUE_NUM_MAX: *val = q ? VQ_MAX_SIZE : 0; break;
    case REG_QUEUE_READY: *val = q ? q->ready : 0; break;
    case REG_INTERRUPT_STATUS: *val = t->interrupt_status; break;
    case REG_STATUS: *val = t->status; break;
    case REG_QUEUE_DESC_LOW: *val = q ? (uint32_t)q->desc : 0; break;
    case REG_QUEUE_DESC_HIGH: *val = q ? (uint32_t)(q->desc >> 32) : 0; break;
    case REG_QUEUE_DRIVER_LOW: *val = q ? (uint32_t)q->avail : 0; break;
    case REG_QUEUE_DRIVER_HIGH: *val = q ? (uint32_t)(q->avail >> 32) : 0; break;
    case REG_QUEUE_DEVICE_LOW: *val = q ? (uint32_t)q->used : 0; break;
    case REG_QUEUE_DEVICE_HIGH: *val = q ? (uint32_t)(q->used >> 32) : 0; break;
    case REG_CONFIG_GENERATION: *val = 0; break; /* the configuration never changes */
    default: break;                              /* write-only or reserved: 0 */
    }
    return true;
}

static void set_low(uint64_t *r, uint64_t v) { *r = (*r & ~0xffffffffull) | (uint32_t)v; }
static void set_high(uint64_t *r, uint64_t v) { *r = (*r & 0xffffffffull) | (uint64_t)(uint32_t)v << 32; }

static void write_status(struct virtio_mmio *t, uint32_t v)
{
    if (v == 0) {
        reset_transport(t);
        return;
    }
    if ((v & VIRTIO_STATUS_FEATURES_OK) && !(t->status & VIRTIO_STATUS_FEATURES_OK)) {
        /* a modern device refuses a driver that does not accept VERSION_1, or asks for more than offered */
        bool ok = (t->driver_features & VIRTIO_F_VERSION_1) && !(t->driver_features & ~t->host_features);
        if (!ok) v &= ~VIRTIO_STATUS_FEATURES_OK;
    }
    t->status = (v & ~VIRTIO_STATUS_NEEDS_RESET) | (t->status & VIRTIO_STATUS_NEEDS_RESET);
}

static void write_queue_ready(struct virtio_mmio *t, struct virtq *q, uint64_t v)
{
    if (!(v & 1)) {
        q->ready = false;
        return;
    }
    if (q->ready) return;
    char why[200];
    if (!vq_validate(q, t->dma, VQ_MAX_SIZE, why, sizeof why)) {
        char msg[240];
        snprintf(msg, sizeof msg, "queue %u: %s", t->queue_sel, why);
        dev_virtio_mmio_device_error(t, msg);
        return;
    }
    q->ready = true;
    q->last_avail = q->used_idx = 0;
}

bool dev_virtio_mmio_write(void *opaque, uint64_t offset, unsigned size, uint64_t val)
{
    struct virtio_mmio *t = opaque;
    if (offset >= REG_CONFIG || size != 4 || !t->ops) return true; /* configuration space is read-only here */
    struct virtq *q = selected(t);
    bool q_writable = q && !q->ready; /* the spec forbids changing a live queue: ignored */
    switch (offset) {
    case REG_DEVICE_FEATURES_SEL: t->device_features_sel = (uint32_t)val; break;
    case REG_DRIVER_FEATURES:
        if (t->driver_features_sel == 0) set_low(&t->driver_features, val);
        else if (t->driver_features_sel == 1) set_high(&t->driver_features, val);
        break;
    case REG_DRIVER_FEATURES_SEL: t->driver_features_sel = (uint32_t)val; break;
    case REG_QUEUE_SEL: t->queue_sel = (uint32_t)val; break;
    case REG_QUEUE_NUM: if (q_writable) q->num = (uint32_t)val; break;
    case REG_QUEUE_READY: if (q) write_queue_ready(t, q, val); break;
    case REG_QUEUE_NOTIFY:
        if (val < t->ops->num_queues) t->notified |= 1u << val;
        break;
    case REG_INTERRUPT_ACK: t->interrupt_status &= ~(uint32_t)val; break;
    case REG_STATUS: write_status(t, (uint32_t)val); break;
    case REG_QUEUE_DESC_LOW: if (q_writable) set_low(&q->desc, val); break;
    case REG_QUEUE_DESC_HIGH: if (q_writable) set_high(&q->desc, val); break;
    case REG_QUEUE_DRIVER_LOW: if (q_writable) set_low(&q->avail, val); break;
    case REG_QUEUE_DRIVER_HIGH: if (q_writable) set_high(&q->avail, val); break;
    case REG_QUEUE_DEVICE_LOW: if (q_writable) set_low(&q->used, val); break;
    case REG_QUEUE_DEVICE_HIGH: if (q_writable) set_high(&q->used, val); break;
    default: break; /* read-only or reserved */
    }
    return true;
}

bool dev_virtio_mmio_process(struct virtio_mmio *t)
{
    if (!dev_virtio_mmio_live(t)) return false;
    bool any = t->notified != 0;
    for (unsigned q = 0; q < t->ops->num_queues && dev_virtio_mmio_live(t); q++)
        if (t->notified & (1u << q)) {
            t->notified &= ~(1u << q);
            if (t->queue[q].ready) t->ops->process(t, q);
        }
    if (t->ops->poll && dev_virtio_mmio_live(t)) t->ops->poll(t);
    return any;
}

int dev_virtio_mmio_pop(struct virtio_mmio *t, unsigned q, struct vq_chain *c)
{
    if (!dev_virtio_mmio_live(t) || q >= t->ops->num_queues) return 0;
    char why[200];
    int r = vq_pop(&t->queue[q], t->dma, c, why, sizeof why);
    if (r < 0) {
        char msg[240];
        snprintf(msg, sizeof msg, "queue %u: %s", q, why);
        dev_virtio_mmio_device_error(t, msg);
    }
    return r;
}

void dev_virtio_mmio_push(struct virtio_mmio *t, unsigned q, uint16_t head, uint32_t written)
{
    if (!vq_push(&t->queue[q], t->dma, head, written)) {
        dev_virtio_mmio_device_error(t, "the used ring is unreachable");
        return;
    }
    t->interrupt_status |= VIRTIO_INT_USED;
}
